// Loading editions of the standard from their data files, and the editions built in.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "standard/standard.hpp"

namespace iotconform::standard {

// A data file that does not describe a consistent edition. Built-in data is checked by
// the test suite, so at run time this only fires for a broken build.
class DataError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Parses one edition from the YAML of data/standards/*.yaml. `source_name` names the
// file in messages. Checks that ids are unique, every condition and feature a status
// refers to exists, every provision's clause exists, and no text is empty; throws
// DataError with the file and line otherwise.
Standard load_standard(std::string_view yaml_text, const std::string& source_name);

// The editions compiled into the binary, loaded once on first use, in order of id.
const std::vector<Standard>& builtin_standards();

// The built-in edition with this id ("en303645-2.1.1"); also accepts "2.1.1", "v2.1.1",
// "EN 303 645 V2.1.1". Null when unknown.
const Standard* find_standard(std::string_view id);

// The edition `init` uses when none is asked for.
const Standard& default_standard();

// Ids of the built-in editions, for messages.
std::vector<std::string> standard_ids();

}  // namespace iotconform::standard
