// Entry point of the client's presenter suite: no display needed.
#define BOOST_TEST_MODULE tongban_client
#include <boost/test/unit_test.hpp>
