// Names by pinyin, as registers list them, where code point order scatters them.
#include "forms/text/name_order.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

using tongban::forms::NameOrder;

BOOST_AUTO_TEST_SUITE(NameOrders)

BOOST_AUTO_TEST_CASE(ApplicantsSortByPinyinNotByCodePoint)
{
    const NameOrder order;
    BOOST_TEST_REQUIRE(order.byPinyin(), "the zh_CN.UTF-8 locale is not generated; installer/tongban-dev deps does it");
    std::vector<std::string> names{"张伟", "王小明", "陈建国", "李红", "安然", "赵敏"};
    std::ranges::sort(names, [&](const std::string& a, const std::string& b) { return order.less(a, b); });
    BOOST_TEST(names == (std::vector<std::string>{"安然", "陈建国", "李红", "王小明", "张伟", "赵敏"}),
               boost::test_tools::per_element());
    // By code point 张 (U+5F20) would come before 李 (U+674E).
    BOOST_TEST(std::string("张伟") < std::string("李红"));
}

BOOST_AUTO_TEST_CASE(SortKeysOrderAsTheComparisonDoes)
{
    const NameOrder order;
    const std::vector<std::string> names{"退休", "企业开办", "新生儿出生", "开办餐饮店", "开办", "", "Tongban 通办",
                                         "南京市鼓楼区小明面馆", "南京市玄武区"};
    for (const auto& left : names)
        for (const auto& right : names)
            BOOST_TEST((order.key(left) < order.key(right)) == order.less(left, right), left << " / " << right);
    BOOST_TEST(order.less("开办餐饮店", "企业开办"));  // kai before qi
    BOOST_TEST(order.less("开办", "开办餐饮店"));      // a prefix first
    BOOST_TEST(!order.less("退休", "退休"));
}

BOOST_AUTO_TEST_SUITE_END()
