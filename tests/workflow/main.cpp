// Entry point of the workflow library's Boost.Test suite.
#define BOOST_TEST_MODULE tongban_workflow
#include <boost/test/unit_test.hpp>
