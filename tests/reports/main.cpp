// Entry point of the reports library's Boost.Test suite.
#define BOOST_TEST_MODULE tongban_reports
#include <boost/test/unit_test.hpp>
