// Findings file parsing with nlohmann-json: syntax errors located by line and column,
// content errors by JSON pointer, counts bounded by util/limits.hpp.
#include "judge/findings_file.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "util/fs.hpp"
#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::judge {

namespace {

namespace dg = diagnostics;
using nlohmann::json;

const std::vector<std::string> k_finding_keys = {
    "rule_id", "source", "provisions", "effect", "severity", "message", "location", "remediation"};

class Reader {
  public:
    Reader(std::string path, const standard::Standard& standard)
        : m_path(std::move(path)), m_standard(standard) {}

    FindingsLoad run(std::string_view text);

  private:
    void error(const std::string& pointer, std::string message, std::string hint) {
        m_result.diagnostics.push_back(dg::make(
            "PF010", {}, fmt::format("{}: {}", pointer, message), std::move(hint), {m_path, 0, 0}));
    }

    // The string at `key`, or empty after reporting when it is required and absent, too
    // long, or holds control characters.
    std::string text_field(const json& object, const std::string& pointer, const char* key,
                           bool required) {
        const auto found = object.find(key);
        if (found == object.end() || found->is_null()) {
            if (required) {
                error(pointer, fmt::format("'{}' is missing", key), "every finding needs it");
            }
            return {};
        }
        if (!found->is_string()) {
            error(fmt::format("{}/{}", pointer, key), "must be a string", "quote the value");
            return {};
        }
        std::string value = found->get<std::string>();
        if (required && util::trim(value).empty()) {
            error(fmt::format("{}/{}", pointer, key), "is empty", "every finding needs it");
        } else if (value.size() > util::k_max_finding_text) {
            error(fmt::format("{}/{}", pointer, key),
                  fmt::format("{} bytes, more than the {} a finding's text may hold", value.size(),
                              util::k_max_finding_text),
                  "keep the message to a sentence and the location to a path");
            return {};
        } else if (util::find_control_character(value)) {
            error(fmt::format("{}/{}", pointer, key), "holds a control character",
                  "remove escape sequences and other control characters");
            return {};
        }
        return value;
    }

    void read_finding(const json& item, const std::string& pointer);

    std::string m_path;
    const standard::Standard& m_standard;
    FindingsLoad m_result;
};

void Reader::read_finding(const json& item, const std::string& pointer) {
    if (!item.is_object()) {
        error(pointer, "a finding must be an object", "see docs/findings-format.md");
        return;
    }
    for (const auto& [key, value] : item.items()) {
        if (std::find(k_finding_keys.begin(), k_finding_keys.end(), key) == k_finding_keys.end()) {
            const std::vector<std::string> near = util::nearest(key, k_finding_keys);
            error(fmt::format("{}/{}", pointer, key), "unknown key",
                  near.empty() ? fmt::format("known keys: {}", util::join(k_finding_keys, ", "))
                               : fmt::format("did you mean '{}'?", near.front()));
        }
    }
    Finding finding;
    finding.rule_id = text_field(item, pointer, "rule_id", true);
    finding.source = text_field(item, pointer, "source", true);
    finding.message = text_field(item, pointer, "message", true);
    finding.location = text_field(item, pointer, "location", false);
    finding.remediation = text_field(item, pointer, "remediation", false);

    const std::string effect = text_field(item, pointer, "effect", false);
    if (effect.empty() || effect == "contradicts") {
        finding.effect = Effect::contradicts;
    } else if (effect == "supports") {
        finding.effect = Effect::supports;
    } else if (effect == "informs") {
        finding.effect = Effect::informs;
    } else {
        error(pointer + "/effect", fmt::format("'{}' is not an effect", effect),
              "use contradicts, supports or informs");
    }
    const std::string severity = text_field(item, pointer, "severity", false);
    if (severity.empty() || severity == "error") {
        finding.severity = dg::Severity::error;
    } else if (severity == "warning") {
        finding.severity = dg::Severity::warning;
    } else if (severity == "note") {
        finding.severity = dg::Severity::note;
    } else {
        error(pointer + "/severity", fmt::format("'{}' is not a severity", severity),
              "use error, warning or note");
    }

    const auto provisions = item.find("provisions");
    if (provisions == item.end() || !provisions->is_array() || provisions->empty()) {
        error(pointer + "/provisions", "must be a non-empty list of provision references",
              "name the provisions the finding concerns, such as [\"5.1-1\"]");
        return;
    }
    if (provisions->size() > util::k_max_provisions_per_finding) {
        error(pointer + "/provisions",
              fmt::format("{} provisions, more than the {} a finding may name", provisions->size(),
                          util::k_max_provisions_per_finding),
              "split the finding");
        return;
    }
    for (std::size_t i = 0; i < provisions->size(); ++i) {
        const json& reference = (*provisions)[i];
        if (!reference.is_string()) {
            error(fmt::format("{}/provisions/{}", pointer, i), "must be a string",
                  "write \"5.1-1\"");
            continue;
        }
        const standard::ResolvedReference resolved =
            m_standard.resolve(reference.get<std::string>());
        std::string id =
            resolved.provision != nullptr ? resolved.provision->id : reference.get<std::string>();
        if (util::find_control_character(id) || id.size() > util::k_max_finding_text) {
            error(fmt::format("{}/provisions/{}", pointer, i), "is not a provision reference",
                  "write references such as \"5.1-1\"");
            continue;
        }
        // The same provision twice would count the finding twice.
        if (std::find(finding.provisions.begin(), finding.provisions.end(), id) ==
            finding.provisions.end()) {
            finding.provisions.push_back(std::move(id));
        }
    }
    m_result.findings.push_back(std::move(finding));
}

FindingsLoad Reader::run(std::string_view text) {
    if (const std::optional<std::size_t> offset = util::find_invalid_utf8(text)) {
        const util::LineColumn at = util::line_column(text, *offset);
        m_result.diagnostics.push_back(
            dg::make("PF010", {}, fmt::format("byte at offset {} is not valid UTF-8", *offset),
                     "findings files are UTF-8 JSON", {m_path, at.line, at.column}));
        return std::move(m_result);
    }
    if (const std::optional<std::size_t> deep =
            util::find_deep_nesting(text, util::k_max_nesting, false)) {
        const util::LineColumn at = util::line_column(text, *deep);
        m_result.diagnostics.push_back(dg::make(
            "PF010", {}, fmt::format("nested more than {} levels deep", util::k_max_nesting),
            "a findings file nests three levels; check the file is what you meant",
            {m_path, at.line, at.column}));
        return std::move(m_result);
    }
    json root;
    // A key given twice in one object would silently keep only the last value (a second
    // "findings" list would hide the first): track the keys of every open object.
    std::vector<std::vector<std::string>> open_objects;
    std::string duplicate;
    const json::parser_callback_t track = [&](int, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::object_start) {
            open_objects.emplace_back();
        } else if (event == json::parse_event_t::object_end && !open_objects.empty()) {
            open_objects.pop_back();
        } else if (event == json::parse_event_t::key && !open_objects.empty()) {
            const std::string key = parsed.get<std::string>();
            std::vector<std::string>& keys = open_objects.back();
            if (duplicate.empty() && std::find(keys.begin(), keys.end(), key) != keys.end()) {
                duplicate = key;
            }
            keys.push_back(key);
        }
        return true;
    };
    try {
        root = json::parse(text, track);
    } catch (const json::parse_error& failure) {
        // nlohmann counts the byte after the error position; step back onto it.
        const std::size_t offset = failure.byte > 0 ? failure.byte - 1 : 0;
        const util::LineColumn at = util::line_column(text, offset);
        m_result.diagnostics.push_back(
            dg::make("PF010", {}, fmt::format("not valid JSON: {}", failure.what()),
                     "check the JSON syntax near this place", {m_path, at.line, at.column}));
        return std::move(m_result);
    } catch (const json::exception& failure) {
        // Numbers beyond a double and other values the library refuses.
        m_result.diagnostics.push_back(
            dg::make("PF010", {}, fmt::format("not usable JSON: {}", failure.what()),
                     "check numbers and strings in the file", {m_path, 0, 0}));
        return std::move(m_result);
    }
    if (!duplicate.empty()) {
        error("/", fmt::format("the key '{}' is given twice in one object", duplicate),
              "keep one: JSON readers disagree on which of the two counts");
        return std::move(m_result);
    }
    if (!root.is_object()) {
        error("/", "the findings file must be a JSON object", "see docs/findings-format.md");
        return std::move(m_result);
    }
    if (!root.contains("format") || root["format"] != "iotconform-findings") {
        error("/format", "must be \"iotconform-findings\"",
              "this is not an iotconform findings file");
    }
    if (!root.contains("format_version") || root["format_version"] != k_findings_format) {
        error("/format_version", fmt::format("must be {}", k_findings_format),
              "the file was written for another version of iotconform");
    }
    const auto findings = root.find("findings");
    if (findings == root.end() || !findings->is_array()) {
        error("/findings", "must be a list", "write \"findings\": [ ... ]");
        return std::move(m_result);
    }
    if (findings->size() > util::k_max_findings) {
        error("/findings",
              fmt::format("{} findings, more than the limit of {}", findings->size(),
                          util::k_max_findings),
              "split the findings over several files, or filter them");
        return std::move(m_result);
    }
    for (std::size_t i = 0; i < findings->size(); ++i) {
        read_finding((*findings)[i], fmt::format("/findings/{}", i));
    }
    return std::move(m_result);
}

}  // namespace

FindingsLoad load_findings(std::string_view text, const std::string& path,
                           const standard::Standard& standard) {
    return Reader(path, standard).run(text);
}

FindingsLoad load_findings_file(const std::string& path, const standard::Standard& standard) {
    const util::ReadResult read = util::read_text_file(path);
    if (!read.content) {
        return {{},
                {dg::make("PF009", {}, read.error, "check the path of the findings file",
                          {path, 0, 0})}};
    }
    return load_findings(*read.content, path, standard);
}

}  // namespace iotconform::judge
