// Entry point of the forms library's Boost.Test suite.
#define BOOST_TEST_MODULE tongban_forms
#include <boost/test/unit_test.hpp>
