// bench_reports: the period summary of a whole year on the million-case
// workspace, aggregated in the database and written as PDF and as XLSX.
#include "reports/catalogue/period_summary.h"
#include "reports/render/renderers.h"
#include "tests/bench/bench_data.h"

#include <chrono>
#include <filesystem>
#include <iostream>

using namespace tongban;
using namespace std::chrono;

namespace {

template <typename Work>
double timed(Work&& work)
{
    const auto begin = steady_clock::now();
    work();
    return duration<double, std::milli>(steady_clock::now() - begin).count();
}

} // namespace

int main()
{
    const auto path = bench::millionCaseWorkspace("bench_reports");
    auto store = store::Store::open(path);
    // The seeded year: cases accepted from 2025-11-27 to 2026-11-27.
    const reports::ReportScope scope{workflow::Day{2025y / November / 27}, workflow::Day{2026y / November / 27}, {}, {}, {}};
    reports::PeriodFigures figures;
    const double aggregate = timed([&] { figures = reports::periodFigures(*store, scope); });
    const auto document = reports::periodSummary(figures, scope, "2026-11-29 12:00");
    const auto folder = std::filesystem::temp_directory_path();
    const double pdf = timed([&] { (void)reports::renderPdf(document, (folder / "bench-summary.pdf").string()); });
    const double xlsx = timed([&] { (void)reports::renderXlsx(document, (folder / "bench-summary.xlsx").string()); });
    std::filesystem::remove(folder / "bench-summary.pdf");
    std::filesystem::remove(folder / "bench-summary.xlsx");
    std::cout << "cases_accepted: " << figures.accepted << "\n"
              << "cases_completed: " << figures.completed << "\n"
              << "aggregate_ms: " << aggregate << "\n"
              << "pdf_render_ms: " << pdf << "\n"
              << "xlsx_render_ms: " << xlsx << "\n"
              << "summary_pdf_ms: " << aggregate + pdf << "\n"
              << "summary_xlsx_ms: " << aggregate + xlsx << "\n";
    return 0;
}
