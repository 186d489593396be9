// Entry point of the sync service's end-to-end suite: the real server process on loopback.
#define BOOST_TEST_MODULE tongban_api
#include <boost/test/unit_test.hpp>
