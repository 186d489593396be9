// Entry point of the server library's Boost.Test suite.
#define BOOST_TEST_MODULE tongban_server
#include <boost/test/unit_test.hpp>
