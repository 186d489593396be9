// Deliberately against the layers: the engine including the store. Built only
// by the test `layers.build`, which passes when the compiler cannot find the
// header because the engine's include path does not reach the store.
#include "store/store.h"
