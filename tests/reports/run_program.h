// Runs a program, such as pdftotext, and returns what it wrote; the test fails
// if it did not exit with 0.
#pragma once

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace tongban::testing {

inline std::string runProgram(const std::string& program, const std::vector<std::string>& args)
{
    Poco::Pipe out;
    auto handle = Poco::Process::launch(program, args, nullptr, &out, nullptr);
    Poco::PipeInputStream stream(out);
    std::string text;
    Poco::StreamCopier::copyToString(stream, text);
    BOOST_TEST(handle.wait() == 0, program << " exits with 0");
    return text;
}

} // namespace tongban::testing
