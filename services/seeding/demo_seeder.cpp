// Demo data that looks like a year of a city centre's 企业开办 cases.
#include "services/seeding/demo_seeder.h"

#include "forms/catalogue/catalogue.h"
#include "forms/identifiers/identifiers.h"
#include "workflow/calendar/calendar_json.h"
#include "workflow/model/definition_json.h"

#include <algorithm>
#include <random>
#include <stdexcept>

namespace tongban::services {

namespace {

using namespace workflow;
using namespace store;
using namespace std::chrono;

struct Branch {
    const char* node;        ///< node id prefix in the reference process
    const char* department;
};

constexpr Branch kBranches[] = {
    {"market", "市场监管局"}, {"police", "公安局"}, {"tax", "税务局"}, {"hrss", "人力资源和社会保障局"},
    {"fund", "住房公积金管理中心"},
};
constexpr const char* kCentre = "政务服务中心";

/// Every department the reference process and the demo catalogue name, with
/// the prefix of its demo officers' logins.
struct DemoDepartment {
    const char* code;
    const char* name;
    const char* login;
};

constexpr DemoDepartment kDepartments[] = {
    {"政务服务中心", "南京市政务服务中心", "clerk"},
    {"市场监管局", "南京市市场监督管理局", "market"},
    {"公安局", "南京市公安局", "police"},
    {"税务局", "国家税务总局南京市税务局", "tax"},
    {"人力资源和社会保障局", "南京市人力资源和社会保障局", "hrss"},
    {"住房公积金管理中心", "南京住房公积金管理中心", "fund"},
    {"开户银行", "驻中心合作银行", "bank"},
    {"城市管理局", "南京市城市管理局", "urban"},
    {"消防救援支队", "南京市消防救援支队", "fire"},
    {"烟草专卖局", "南京市烟草专卖局", "tobacco"},
    {"卫生健康委员会", "南京市卫生健康委员会", "health"},
    {"医疗保障局", "南京市医疗保障局", "medical"},
};

constexpr const char* kCityWords[] = {"南京", "金陵", "秦淮", "鼓楼", "建邺", "玄武", "江宁", "浦口", "栖霞", "六合"};
constexpr const char* kNameWords[] = {"通达", "恒信", "瑞丰", "华泰", "远航", "启明", "博雅", "鑫源", "嘉禾", "云帆",
                                      "智联", "锦程", "宏图", "安和", "新程", "同舟", "德润", "星辰", "青禾", "长风"};
constexpr const char* kTrades[] = {"科技", "餐饮管理", "商贸", "信息技术", "文化传媒", "建筑工程", "物流", "咨询服务"};
constexpr const char* kReturnReasons[] = {"公司章程缺少股东签字，请补正", "经营范围表述不规范", "住所证明与登记地址不一致"};
constexpr const char* kRejectReasons[] = {"经营范围涉及前置许可，申请人未取得", "名称与在先登记的企业名称近似"};

enum class Fate { AwaitingAcceptance, InProgress, ReturnedThenInProgress, Rejected, Withdrawn, OnTime, Late };

class Seeder {
public:
    Seeder(Store& store, const SeedOptions& options)
        : m_store(store), m_options(options), m_random(options.seed), m_calendar(nationalCalendar())
    {
    }

    SeedReport run()
    {
        setUpReferenceData();
        for (std::uint64_t done = 0; done < m_options.cases;) {
            const auto chunk = std::min<std::uint64_t>(std::max<std::uint64_t>(1, m_options.progressEvery),
                                                       m_options.cases - done);
            m_store.inOneTransaction([&] {
                for (std::uint64_t i = 0; i < chunk; ++i)
                    seedCase();
            });
            done += chunk;
            if (m_options.progress && !m_options.progress(done) && done < m_options.cases) {
                m_report.stopped = true;
                break;
            }
        }
        return m_report;
    }

private:
    Actor officer(const std::string& department, int which) const
    {
        for (const auto& known : kDepartments)
            if (department == known.code)
                return {known.login + std::string("0") + std::to_string(which), department};
        throw std::logic_error("no demo officers for department " + department);
    }

    void setUpReferenceData()
    {
        const Actor admin{"admin", kCentre};
        const auto at = m_options.until - days{400};
        for (const auto& department : kDepartments)
            m_store.saveDepartment({department.code, department.name, m_options.region}, admin, at);
        m_store.saveUser({"admin", "系统管理员", kCentre, Role::Administrator}, admin, at);
        m_store.saveUser({"supervisor01", "陈建国", kCentre, Role::Supervisor}, admin, at);
        m_store.saveUser({"designer01", "吴晓", kCentre, Role::Designer}, admin, at);
        static constexpr const char* kPeople[] = {"李静", "周敏", "张伟", "王芳", "刘洋", "杨帆", "赵磊", "黄丽",
                                                  "孙浩", "朱琳", "徐明", "马超", "胡婷", "郭强", "何洁", "高峰"};
        std::size_t person = 0;
        for (const auto& department : kDepartments)
            for (int which = 1; which <= 2; ++which)
                m_store.saveUser({officer(department.code, which).user, kPeople[person++ % std::size(kPeople)],
                                  department.code, department.login == std::string_view("clerk") ? Role::Clerk : Role::Officer},
                                 admin, at);
        for (const auto& oneThing : forms::demoCatalogue())
            for (const auto& node : oneThing.process.nodes())
                if (!node.department.empty())
                    officer(node.department, 1);  // every department the catalogue names has officers
        for (const auto document : forms::demoCatalogueDocuments()) {
            auto saved = m_store.saveOneThing(std::string(document), admin, at);
            if (!saved)
                throw std::runtime_error(saved.error().message);
        }
        auto licences = forms::readLicences(kDemoLicencesJson);
        if (!licences)
            throw std::logic_error("the embedded demo licences do not read: " + licences.error().describe());
        for (const auto& licence : *licences)
            m_store.saveLicence(licence, admin, at);
        auto definition = readDefinition(kReferenceProcessJson);
        if (!definition)
            throw std::logic_error("the embedded reference process does not read: " + definition.error().describe());
        auto published = m_store.publishDefinition(definition->definition, admin, at);
        if (!published)
            throw std::runtime_error(published.error().message);
        m_process = m_store.definition(definition->definition.key, definition->definition.version);
    }

    int between(int low, int high) { return std::uniform_int_distribution<>(low, high)(m_random); }
    template <typename T, std::size_t N>
    const T& pick(const T (&items)[N])
    {
        return items[static_cast<std::size_t>(between(0, static_cast<int>(N) - 1))];
    }

    Fate fate()
    {
        static const std::discrete_distribution<int> kWeights{6, 20, 3, 4, 2, 55, 10};
        auto distribution = kWeights;
        return static_cast<Fate>(distribution(m_random));
    }

    std::string creditCode()
    {
        static constexpr std::string_view kBody = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        std::string organisation;
        for (int i = 0; i < 8; ++i)
            organisation += kBody[static_cast<std::size_t>(between(0, i < 2 ? 9 : 30))];
        organisation += *forms::organisationCodeCheckCharacter(organisation);
        std::string code = "91" + m_options.region + organisation;
        return code + *forms::creditCodeCheckCharacter(code);
    }

    /// A moment during office hours on a working day, `daysBack` days before the end of the seed period.
    Instant officeMoment(int daysBack)
    {
        Day day = m_calendar.localDay(m_options.until) - days{daysBack};
        if (!m_calendar.isWorkingDay(day))
            day = m_calendar.nextWorkingDay(day);
        const auto minute = minutes{9 * 60 + between(0, 7 * 60)};
        return Instant{day} + minute - hours{8};
    }

    Instant later(Instant t, int minHours, int maxHours) { return m_calendar.addWorkingHours(t, between(minHours, maxHours)); }

    void run(const std::string& number, const Command& command)
    {
        auto applied = m_store.execute(number, command);
        if (!applied)
            throw std::runtime_error("seeding case " + number + ": " + applied.error().message);
        ++m_report.commands;
    }

    TaskNumber taskAt(const std::string& number, const std::string& node)
    {
        const auto state = m_store.caseState(number);
        const auto index = *m_process->definition().findNode(node);
        for (const auto& task : state->marking.openTasks)
            if (task.node == index)
                return task.number;
        throw std::logic_error("seeding case " + number + ": no open task at " + node);
    }

    void complete(const std::string& number, const std::string& node, const Actor& actor, Instant at,
                  Outcome outcome = Outcome::Approve, std::string reason = {}, std::string returnTo = {})
    {
        const auto task = taskAt(number, node);
        if (outcome == Outcome::Approve && between(0, 1) == 0)
            run(number, Command{ClaimTask{task}, actor, at - minutes{between(5, 50)}});
        run(number, Command{CompleteTask{task, outcome, std::move(reason), std::move(returnTo), {}}, actor, at});
    }

    void seedCase()
    {
        const Fate chosen = m_options.backlogOnly ? Fate::InProgress : fate();
        const bool current = chosen == Fate::AwaitingAcceptance || chosen == Fate::InProgress ||
                             chosen == Fate::ReturnedThenInProgress;
        Instant t = m_options.backlogOnly ? officeMoment(between(0, 28))
                    : current               ? officeMoment(between(0, 6))
                                            : officeMoment(between(15, 365));
        if (current && t > m_options.until)
            t = m_options.until - hours{1};
        const Actor clerk = officer(kCentre, between(1, 2));
        const std::string name = std::string(pick(kCityWords)) + pick(kNameWords) + pick(kTrades) + "有限公司";
        auto created = m_store.createCase({m_process->definition().key, m_process->definition().version,
                                           m_options.region, between(0, 3) == 0 ? "网上" : "窗口",
                                           {name, creditCode()}, {}, clerk, t});
        if (!created)
            throw std::runtime_error("seeding a case: " + created.error().message);
        const auto number = created->caseNumber;
        const Instant accepted = t;
        ++m_report.cases;
        ++m_report.commands;
        if (chosen == Fate::AwaitingAcceptance) {
            ++m_report.open;
            return;
        }
        t = later(t, 0, 3);
        complete(number, "accept", clerk, t);

        std::vector<std::pair<std::string, std::string>> steps;  // node, department, in a plausible order
        std::vector<int> progress(std::size(kBranches), 0);
        while (steps.size() < 2 * std::size(kBranches)) {
            const auto b = static_cast<std::size_t>(between(0, static_cast<int>(std::size(kBranches)) - 1));
            if (progress[b] == 2)
                continue;
            steps.emplace_back(std::string(kBranches[b].node) + (progress[b]++ == 0 ? "-review" : "-approve"),
                               kBranches[b].department);
        }

        std::size_t stop = steps.size();
        if (m_options.backlogOnly)
            stop = 0;
        else if (chosen == Fate::InProgress || chosen == Fate::ReturnedThenInProgress)
            stop = static_cast<std::size_t>(between(0, static_cast<int>(steps.size()) - 1));
        if (chosen == Fate::Withdrawn)
            stop = static_cast<std::size_t>(between(0, 4));
        const std::size_t rejectAt = chosen == Fate::Rejected ? static_cast<std::size_t>(between(0, 6)) : steps.size();
        const std::size_t lateAt = chosen == Fate::Late ? static_cast<std::size_t>(between(0, 9)) : steps.size();
        bool returned = false;

        for (std::size_t i = 0; i < stop; ++i) {
            const auto& [node, department] = steps[i];
            const Actor actor = officer(department, between(1, 2));
            t = later(t, 1, 4);
            if (i == lateAt)
                t = later(t, 5 * 7, 12 * 7);  // a department sits on it for one to two weeks
            if (i == rejectAt && node.ends_with("-review")) {
                complete(number, node, actor, t, Outcome::Reject, pick(kRejectReasons));
                ++m_report.notGranted;
                return;
            }
            if (chosen == Fate::ReturnedThenInProgress && !returned && node.ends_with("-approve")) {
                const auto review = node.substr(0, node.size() - 8) + "-review";
                complete(number, node, actor, t, Outcome::Return, pick(kReturnReasons), review);
                t = later(t, 2, 8);
                complete(number, review, actor, t);
                t = later(t, 1, 4);
                complete(number, node, actor, t);
                returned = true;
                ++m_report.returned;
                continue;
            }
            complete(number, node, actor, t);
        }
        if (chosen == Fate::Rejected) {
            // The rejecting review was already done: refuse at the issuing window instead.
            t = later(t, 1, 3);
            complete(number, "issue", clerk, t, Outcome::Reject, pick(kRejectReasons));
            ++m_report.notGranted;
            return;
        }
        if (chosen == Fate::Withdrawn) {
            run(number, Command{WithdrawCase{"申请人申请撤回"}, clerk, later(t, 1, 6)});
            ++m_report.withdrawn;
            return;
        }
        if (stop < steps.size()) {
            ++m_report.open;
            return;
        }
        t = later(t, 1, 6);
        complete(number, "issue", clerk, t);
        const auto& promised = m_process->definition().promisedLimit;
        if (promised && t <= m_calendar.addWorkingDays(accepted, promised->amount))
            ++m_report.onTime;
        else
            ++m_report.late;
    }

    Store& m_store;
    const SeedOptions& m_options;
    std::mt19937_64 m_random;
    const Calendar& m_calendar;
    std::shared_ptr<const ExecutableProcess> m_process;
    SeedReport m_report;
};

} // namespace

SeedReport seedDemo(Store& store, const SeedOptions& options)
{
    return Seeder(store, options).run();
}

} // namespace tongban::services
