// Entry point of the store's Boost.Test suite (both connectors).
#define BOOST_TEST_MODULE tongban_store
#include <boost/test/unit_test.hpp>
