// Deliberately against the layers: a use case reaching into how the store is
// kept in SQL. Built only by the test `layers.build_private`, which passes
// when the compiler cannot find the header because the store does not publish it.
#include "store/sql/row_writer.h"
