// Product file parsing. yaml-cpp gives the tree and positions; everything about what the
// keys mean, and every message a user sees, is here.
#include "ics/product_loader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <set>

#include "standard/catalog.hpp"
#include "util/fs.hpp"
#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::ics {

namespace dg = diagnostics;
using standard::Standard;

std::string_view to_string(Scope scope) {
    return scope == Scope::product ? "product" : "component";
}

std::string_view to_string(Support support) {
    switch (support) {
        case Support::yes:
            return "Y";
        case Support::no:
            return "N";
        case Support::not_applicable:
            return "N/A";
    }
    return "N/A";
}

std::string_view to_string(Answer answer) {
    switch (answer) {
        case Answer::yes:
            return "true";
        case Answer::no:
            return "false";
        case Answer::unknown:
            return "unknown";
    }
    return "unknown";
}

SupportParse parse_support(std::string_view text) {
    std::string value = util::to_lower(util::trim(text));
    std::erase(value, ' ');
    if (value.empty()) {
        return {true, std::nullopt};
    }
    if (value == "y" || value == "yes" || value == "true") {
        return {true, Support::yes};
    }
    if (value == "n" || value == "no" || value == "false") {
        return {true, Support::no};
    }
    if (value == "n/a" || value == "na" || value == "n.a." || value == "notapplicable") {
        return {true, Support::not_applicable};
    }
    return {false, std::nullopt};
}

const IcsEntry* Product::find_entry(std::string_view provision_id) const {
    for (const IcsEntry& entry : entries) {
        if (entry.provision_id == provision_id) {
            return &entry;
        }
    }
    return nullptr;
}

namespace {

const std::vector<std::string> k_top_keys = {"iotconform", "standard",   "scope",
                                             "product",    "conditions", "features",
                                             "ics",        "artifacts",  "suppressions"};
const std::vector<std::string> k_artifact_keys = {"firmware", "kernel", "update_image"};
const std::vector<std::string> k_firmware_keys = {"file"};
const std::vector<std::string> k_kernel_keys = {"config", "cmdline", "sysctl", "profile",
                                                "arch",   "version", "rules"};
const std::vector<std::string> k_update_image_keys = {"file", "key", "decryption_key"};
const std::vector<std::string> k_suppression_keys = {"rule", "reason"};
const std::vector<std::string> k_identity_keys = {"name", "manufacturer", "model",
                                                  "firmware_version"};
const std::vector<std::string> k_entry_keys = {"support", "detail", "evidence", "status", "review"};

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const std::vector<std::string> near = util::nearest(word, candidates);
    // A list of every provision in every message would drown the one that matters.
    constexpr std::size_t k_listable = 12;
    if (near.empty()) {
        return candidates.size() <= k_listable
                   ? fmt::format("expected one of: {}", util::join(candidates, ", "))
                   : std::string("no similar name; check the spelling");
    }
    return fmt::format("did you mean '{}'?", near.front());
}

class Loader {
  public:
    Loader(std::string path) : m_path(std::move(path)) {}

    ProductLoad run(std::string_view text);

  private:
    dg::SourcePosition position(const YAML::Node& node) const {
        const YAML::Mark mark = node.Mark();
        if (mark.line < 0) {
            return {m_path, 0, 0};
        }
        return {m_path, mark.line + 1, mark.column + 1};
    }

    // Thrown when so many errors are found that more would only bury the first ones.
    struct TooManyErrors {};

    void report(std::string_view code, const YAML::Node& node, std::string message,
                std::string hint, std::string provision = {}) {
        m_diagnostics.push_back(dg::make(code, std::move(provision), std::move(message),
                                         std::move(hint), position(node)));
        constexpr std::size_t k_max_errors = 50;
        if (m_diagnostics.back().severity == dg::Severity::error && ++m_errors == k_max_errors) {
            m_diagnostics.push_back(dg::make("PF003", {},
                                             fmt::format("stopped after {} errors", k_max_errors),
                                             "fix these and run again", position(node)));
            throw TooManyErrors{};
        }
    }

    // The scalar text of `node`, or nullopt after reporting a type error.
    std::optional<std::string> scalar(const YAML::Node& node, std::string_view what) {
        if (node.IsScalar()) {
            return node.Scalar();
        }
        report("PF003", node, fmt::format("{} must be a single value, found {}", what, kind(node)),
               "write it on one line after the colon, or as a block with '|'");
        return std::nullopt;
    }

    static std::string kind(const YAML::Node& node) {
        if (node.IsMap()) {
            return "a mapping";
        }
        if (node.IsSequence()) {
            return "a list";
        }
        if (node.IsNull()) {
            return "nothing";
        }
        return "a value";
    }

    // Checks `node` is a mapping whose keys come from `allowed`, each at most once.
    bool check_mapping(const YAML::Node& node, std::string_view what,
                       const std::vector<std::string>& allowed) {
        if (!node.IsMap()) {
            report("PF003", node, fmt::format("{} must be a mapping, found {}", what, kind(node)),
                   fmt::format("write 'key: value' lines; allowed keys: {}",
                               util::join(allowed, ", ")));
            return false;
        }
        std::set<std::string> seen;
        for (const auto& item : node) {
            const std::string key = item.first.Scalar();
            if (!item.first.IsScalar() || key.empty()) {
                report("PF002", item.first, fmt::format("a key in {} is not a name", what),
                       "keys are plain names such as 'support'");
                continue;
            }
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                report("PF002", item.first, fmt::format("unknown key '{}' in {}", key, what),
                       did_you_mean(key, allowed));
            } else if (!seen.insert(key).second) {
                report("PF008", item.first, fmt::format("'{}' is given twice in {}", key, what),
                       "keep one of them");
            }
        }
        return true;
    }

    void check_values(const YAML::Node& node, std::string_view text, int depth);
    void check_comment_cut(const YAML::Node& node, const std::string& provision);
    void load_format(const YAML::Node& root);
    const Standard* load_standard(const YAML::Node& root);
    void load_scope(const YAML::Node& root, Product& product);
    void load_identity(const YAML::Node& root, Product& product);
    std::optional<Answer> load_answer(const YAML::Node& node, std::string_view key);
    void load_answers(const YAML::Node& root, Product& product);
    void load_entries(const YAML::Node& root, Product& product);
    std::optional<ArtifactRef> load_path(const YAML::Node& section, const char* key,
                                         std::string_view what);
    std::optional<ArtifactRef> load_path(const YAML::Node& node, const std::string& what);
    void load_text(const YAML::Node& section, const char* key, std::string_view what,
                   std::string& target);
    void load_kernel(const YAML::Node& node, Artifacts& artifacts);
    void load_update_image(const YAML::Node& node, Artifacts& artifacts);
    void load_firmware(const YAML::Node& node, Artifacts& artifacts);
    void load_artifacts(const YAML::Node& root, Product& product);
    void load_suppressions(const YAML::Node& root, Product& product);
    void load_entry(const YAML::Node& key, const YAML::Node& value, IcsEntry& entry);
    std::optional<Support> load_support(const YAML::Node& node, const std::string& provision);

    std::string m_path;
    std::vector<dg::Diagnostic> m_diagnostics;
    std::size_t m_errors = 0;
    std::size_t m_nodes_walked = 0;
    std::size_t m_bytes_walked = 0;
    bool m_walk_stopped = false;
    std::string_view m_text;  // the file's text, for checks yaml-cpp cannot make
};

// In an unquoted value, " #" starts a comment: "detail: only port #443" is fine, but
// "detail: closed ports #443 and #80" keeps only "closed ports". Free text is where people
// do not expect that, so warn.
void Loader::check_comment_cut(const YAML::Node& node, const std::string& provision) {
    const YAML::Mark mark = node.Mark();
    if (!node.IsScalar() || node.Tag() != "?" || mark.pos < 0 ||
        static_cast<std::size_t>(mark.pos) >= m_text.size()) {
        return;
    }
    const std::size_t start = static_cast<std::size_t>(mark.pos);
    const std::size_t end = m_text.find('\n', start);
    const std::string_view line =
        m_text.substr(start, end == std::string_view::npos ? end : end - start);
    const std::size_t hash = line.find(" #");
    if (hash == std::string_view::npos) {
        return;
    }
    m_diagnostics.push_back(dg::make(
        "PF011", provision,
        fmt::format("the detail ends at '{}': the text after ' #' is read as a YAML comment",
                    util::trim(line.substr(0, hash))),
        "put the detail in double quotes to keep the '#' and what follows",
        {m_path, mark.line + 1, mark.column + 1 + static_cast<int>(hash) + 1}));
}

void Loader::load_format(const YAML::Node& root) {
    const YAML::Node node = root["iotconform"];
    if (!node) {
        return;  // optional: files written before a format change state theirs
    }
    const std::optional<std::string> text = scalar(node, "'iotconform' (the file format)");
    if (text && *text != std::to_string(k_product_format)) {
        report("PF004", node,
               fmt::format("product file format {} is not supported by this iotconform", *text),
               fmt::format("this version reads format {}; upgrade iotconform or write "
                           "'iotconform: {}'",
                           k_product_format, k_product_format));
    }
}

const Standard* Loader::load_standard(const YAML::Node& root) {
    const YAML::Node node = root["standard"];
    if (!node) {
        report("PF005", root,
               "the product file does not say which edition of the standard it follows",
               fmt::format("add 'standard: {}' (one of: {})", standard::default_standard().id(),
                           util::join(standard::standard_ids(), ", ")));
        return nullptr;
    }
    const std::optional<std::string> text = scalar(node, "'standard'");
    if (!text) {
        return nullptr;
    }
    const Standard* found = standard::find_standard(*text);
    if (found == nullptr) {
        report("PF006", node, fmt::format("unknown edition of the standard '{}'", *text),
               fmt::format("write one of: {}", util::join(standard::standard_ids(), ", ")));
    }
    return found;
}

void Loader::load_scope(const YAML::Node& root, Product& product) {
    const YAML::Node node = root["scope"];
    if (!node) {
        return;  // a whole product is what the standard is written for
    }
    const std::optional<std::string> text = scalar(node, "'scope'");
    if (!text) {
        return;
    }
    const std::string value = util::to_lower(util::trim(*text));
    if (value == "product") {
        product.scope = Scope::product;
    } else if (value == "component") {
        product.scope = Scope::component;
    } else {
        report("PF004", node, fmt::format("scope '{}' is neither 'product' nor 'component'", *text),
               "use 'product' for a whole consumer IoT product, 'component' for an RTOS, "
               "module or SDK that products are built on");
    }
}

void Loader::load_identity(const YAML::Node& root, Product& product) {
    const YAML::Node node = root["product"];
    if (!node) {
        report("PF005", root, "the product file has no 'product' section",
               "add 'product:' with at least 'name:'");
        return;
    }
    if (!check_mapping(node, "'product'", k_identity_keys)) {
        return;
    }
    const auto field = [&](const char* key, std::string& target) {
        const YAML::Node value = node[key];
        if (!value || value.IsNull()) {
            return;
        }
        if (const std::optional<std::string> text =
                scalar(value, fmt::format("'product.{}'", key))) {
            target = *text;
        }
    };
    field("name", product.identity.name);
    field("manufacturer", product.identity.manufacturer);
    field("model", product.identity.model);
    field("firmware_version", product.identity.firmware_version);
    if (util::trim(product.identity.name).empty()) {
        report("PF005", node, "'product.name' is missing or empty",
               "name what is assessed, as it appears on the reports");
    }
}

// Artifact paths are relative to the product file, so a product folder can move as a whole.
std::optional<ArtifactRef> Loader::load_path(const YAML::Node& section, const char* key,
                                             std::string_view what) {
    const YAML::Node node = section[key];
    if (!node || node.IsNull()) {
        return std::nullopt;
    }
    return load_path(node, fmt::format("'{}.{}'", what, key));
}

std::optional<ArtifactRef> Loader::load_path(const YAML::Node& node, const std::string& what) {
    const std::optional<std::string> text = scalar(node, what);
    if (!text) {
        return std::nullopt;
    }
    if (util::trim(*text).empty()) {
        report("PF004", node, fmt::format("{} is empty", what),
               "give the file's path, relative to the product file, or delete the line");
        return std::nullopt;
    }
    const std::filesystem::path written(*text);
    const std::filesystem::path base = std::filesystem::path(m_path).parent_path();
    const std::string resolved =
        written.is_absolute() || base.empty() ? written.string() : (base / written).string();
    return ArtifactRef{*text, resolved, position(node)};
}

void Loader::load_text(const YAML::Node& section, const char* key, std::string_view what,
                       std::string& target) {
    const YAML::Node node = section[key];
    if (!node || node.IsNull()) {
        return;
    }
    if (const std::optional<std::string> text = scalar(node, fmt::format("'{}.{}'", what, key))) {
        target = util::trim(*text);
    }
}

void Loader::load_kernel(const YAML::Node& node, Artifacts& artifacts) {
    if (!check_mapping(node, "'artifacts.kernel'", k_kernel_keys)) {
        return;
    }
    std::optional<ArtifactRef> config = load_path(node, "config", "artifacts.kernel");
    if (!config) {
        report("PF005", node, "'artifacts.kernel' does not name its 'config'",
               "add 'config:' with the path of the .config, a gzip of it or the kernel image");
        return;
    }
    KernelArtifacts kernel;
    kernel.config = std::move(*config);
    kernel.cmdline = load_path(node, "cmdline", "artifacts.kernel");
    kernel.sysctl = load_path(node, "sysctl", "artifacts.kernel");
    load_text(node, "profile", "artifacts.kernel", kernel.profile);
    load_text(node, "arch", "artifacts.kernel", kernel.arch);
    load_text(node, "version", "artifacts.kernel", kernel.version);
    if (const YAML::Node rules = node["rules"]; rules && !rules.IsNull()) {
        if (!rules.IsSequence()) {
            report("PF003", rules, "'artifacts.kernel.rules' must be a list of rule files",
                   "write one '- path' line per rule file");
        } else {
            for (std::size_t i = 0; i < rules.size(); ++i) {
                if (std::optional<ArtifactRef> file = load_path(
                        rules[i], fmt::format("rule file {} in 'artifacts.kernel'", i + 1))) {
                    kernel.rules.push_back(std::move(*file));
                }
            }
        }
    }
    if (!kernel.profile.empty() && kernel.profile != "baseline" && kernel.profile != "strict") {
        report("PF004", node["profile"],
               fmt::format("rule profile '{}' is neither 'baseline' nor 'strict'", kernel.profile),
               "write 'baseline' (the default) or 'strict'");
    }
    artifacts.kernel = std::move(kernel);
}

void Loader::load_update_image(const YAML::Node& node, Artifacts& artifacts) {
    if (!check_mapping(node, "'artifacts.update_image'", k_update_image_keys)) {
        return;
    }
    std::optional<ArtifactRef> file = load_path(node, "file", "artifacts.update_image");
    if (!file) {
        report("PF005", node, "'artifacts.update_image' does not name its 'file'",
               "add 'file:' with the path of the signed update image (binary or Intel HEX)");
        return;
    }
    UpdateImageArtifacts image;
    image.image = std::move(*file);
    image.key = load_path(node, "key", "artifacts.update_image");
    image.decryption_key = load_path(node, "decryption_key", "artifacts.update_image");
    artifacts.update_image = std::move(image);
}

void Loader::load_firmware(const YAML::Node& node, Artifacts& artifacts) {
    if (!check_mapping(node, "'artifacts.firmware'", k_firmware_keys)) {
        return;
    }
    std::optional<ArtifactRef> file = load_path(node, "file", "artifacts.firmware");
    if (!file) {
        report("PF005", node, "'artifacts.firmware' does not name its 'file'",
               "add 'file:' with the firmware image: a root file system directory, an archive, "
               "a SquashFS or a raw flash image");
        return;
    }
    artifacts.firmware = FirmwareArtifacts{std::move(*file)};
}

void Loader::load_artifacts(const YAML::Node& root, Product& product) {
    const YAML::Node node = root["artifacts"];
    if (!node || node.IsNull() || !check_mapping(node, "'artifacts'", k_artifact_keys)) {
        return;
    }
    if (const YAML::Node firmware = node["firmware"]; firmware && !firmware.IsNull()) {
        load_firmware(firmware, product.artifacts);
    }
    if (const YAML::Node kernel = node["kernel"]; kernel && !kernel.IsNull()) {
        load_kernel(kernel, product.artifacts);
    }
    if (const YAML::Node image = node["update_image"]; image && !image.IsNull()) {
        load_update_image(image, product.artifacts);
    }
}

void Loader::load_suppressions(const YAML::Node& root, Product& product) {
    const YAML::Node node = root["suppressions"];
    if (!node || node.IsNull()) {
        return;
    }
    if (!node.IsSequence()) {
        report("PF003", node, "'suppressions' must be a list",
               "write one '- rule: ID' entry with its 'reason:' per suppressed check");
        return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
        const YAML::Node item = node[i];
        if (!check_mapping(item, "a suppression", k_suppression_keys)) {
            continue;
        }
        Suppression suppression;
        suppression.position = position(item);
        load_text(item, "rule", "suppression", suppression.rule);
        load_text(item, "reason", "suppression", suppression.reason);
        if (suppression.rule.empty()) {
            report("PF005", item, "a suppression does not name its 'rule'",
                   "give the id of the check to set aside, as the reports print it");
            continue;
        }
        // An unexplained suppression is what auditors distrust most: refuse it.
        if (suppression.reason.empty()) {
            report("PF005", item,
                   fmt::format("the suppression of {} gives no reason", suppression.rule),
                   "say in 'reason:' why the finding does not apply to this product");
            continue;
        }
        product.suppressions.push_back(std::move(suppression));
    }
}

std::optional<Answer> Loader::load_answer(const YAML::Node& node, std::string_view key) {
    if (node.IsNull()) {
        return Answer::unknown;
    }
    const std::optional<std::string> text = scalar(node, fmt::format("the answer to '{}'", key));
    if (!text) {
        return std::nullopt;
    }
    const std::string value = util::to_lower(util::trim(*text));
    if (value == "true" || value == "yes" || value == "y") {
        return Answer::yes;
    }
    if (value == "false" || value == "no" || value == "n") {
        return Answer::no;
    }
    if (value == "unknown" || value == "?") {
        return Answer::unknown;
    }
    report("PF004", node, fmt::format("'{}' is not an answer for '{}'", *text, key),
           "answer true, false or unknown");
    return std::nullopt;
}

void Loader::load_answers(const YAML::Node& root, Product& product) {
    const Standard& standard = *product.standard;
    for (const char* section : {"conditions", "features"}) {
        const YAML::Node node = root[section];
        if (!node || node.IsNull()) {
            continue;
        }
        if (!node.IsMap()) {
            report("PF003", node,
                   fmt::format("'{}' must be a mapping, found {}", section, kind(node)),
                   "write one 'key: true|false|unknown' line per condition");
            continue;
        }
        if (std::string_view(section) == "features" && standard.features().empty()) {
            report("PF007", node,
                   fmt::format("{} has no features (V3 introduced them)", standard.short_title()),
                   "answer the conditions under 'conditions', or write 'standard: en303645-3.1.3' "
                   "for a V3 statement");
            continue;
        }
        for (const auto& item : node) {
            const std::string key = item.first.Scalar();
            const std::optional<Answer> answer = load_answer(item.second, key);
            // Conditions are also accepted by number ("13: false"), as Table B.1 names them.
            const standard::Condition* condition = standard.find_condition(key);
            if (condition == nullptr && !key.empty() &&
                key.find_first_not_of("0123456789") == std::string::npos && key.size() < 4) {
                condition = standard.find_condition(std::stoi(key));
            }
            const standard::Feature* feature = standard.find_feature(key);
            const bool wrong_section = (std::string_view(section) == "conditions" &&
                                        condition == nullptr && feature != nullptr) ||
                                       (std::string_view(section) == "features" &&
                                        feature == nullptr && condition != nullptr);
            if ((condition == nullptr && feature == nullptr) || wrong_section) {
                report("PF007", item.first,
                       wrong_section
                           ? fmt::format("'{}' belongs under '{}'", key,
                                         condition != nullptr ? "conditions" : "features")
                           : fmt::format("'{}' is not a {} of {}", key,
                                         std::string_view(section) == "conditions" ? "condition"
                                                                                   : "feature",
                                         standard.short_title()),
                       wrong_section ? "move it" : did_you_mean(key, standard.answer_keys()));
                continue;
            }
            if (!answer) {
                continue;
            }
            const AnswerEntry entry{*answer, position(item.first)};
            const bool fresh = condition != nullptr
                                   ? product.conditions.emplace(condition->number, entry).second
                                   : product.features.emplace(feature->letter, entry).second;
            if (!fresh) {
                report("PF008", item.first, fmt::format("'{}' is answered twice", key),
                       "keep one answer");
            }
        }
    }
}

std::optional<Support> Loader::load_support(const YAML::Node& node, const std::string& provision) {
    if (node.IsNull()) {
        return std::nullopt;  // left open: the judgement reports it as unanswered
    }
    const std::optional<std::string> text = scalar(node, "'support'");
    if (!text) {
        return std::nullopt;
    }
    const SupportParse parsed = parse_support(*text);
    if (parsed.valid) {
        return parsed.support;
    }
    report("PF004", node, fmt::format("support '{}' is not Y, N or N/A", *text),
           "Table B.1 allows Y (supported), N (not supported) and N/A (not applicable)", provision);
    return std::nullopt;
}

void Loader::load_entry(const YAML::Node& key, const YAML::Node& value, IcsEntry& entry) {
    // A bare value is the support alone: "5.6-1: Y".
    if (value.IsScalar() || value.IsNull()) {
        entry.support = load_support(value, entry.provision_id);
        return;
    }
    if (!check_mapping(value, fmt::format("the entry for {}", key.Scalar()), k_entry_keys)) {
        return;
    }
    if (const YAML::Node support = value["support"]) {
        entry.support = load_support(support, entry.provision_id);
    }
    if (const YAML::Node detail = value["detail"]; detail && !detail.IsNull()) {
        check_comment_cut(detail, entry.provision_id);
        if (const std::optional<std::string> text = scalar(detail, "'detail'")) {
            // YAML block scalars end with a newline; the detail does not.
            entry.detail = std::string(util::trim(*text));
        }
    }
    if (const YAML::Node evidence = value["evidence"]; evidence && !evidence.IsNull()) {
        if (evidence.IsScalar()) {
            entry.evidence.push_back(evidence.Scalar());
        } else if (evidence.IsSequence()) {
            for (const YAML::Node& item : evidence) {
                if (const std::optional<std::string> text = scalar(item, "an evidence reference")) {
                    entry.evidence.push_back(*text);
                }
            }
        } else {
            report("PF003", evidence, "'evidence' must be a list of files or URLs",
                   "write '- path/or/url' lines under 'evidence:'", entry.provision_id);
        }
    }
    if (const YAML::Node review = value["review"]; review && !review.IsNull()) {
        if (const std::optional<std::string> text = scalar(review, "'review'")) {
            entry.review = std::string(util::trim(*text));
        }
    }
    if (const YAML::Node status = value["status"]; status && !status.IsNull()) {
        if (const std::optional<std::string> text = scalar(status, "'status'")) {
            const standard::StatusParse parsed = standard::parse_status(*text);
            if (!parsed.status) {
                report("PF004", status, parsed.error,
                       "write the status as Table B.1 does, such as 'M', 'R C (12)'",
                       entry.provision_id);
            } else {
                entry.published_status = *text;
            }
        }
    }
}

void Loader::load_entries(const YAML::Node& root, Product& product) {
    const YAML::Node node = root["ics"];
    if (!node || node.IsNull()) {
        return;  // an empty statement is judged, and every provision is reported unanswered
    }
    if (!node.IsMap()) {
        report("PF003", node, fmt::format("'ics' must be a mapping, found {}", kind(node)),
               "write one 'PROVISION: {support: Y, detail: ...}' entry per provision");
        return;
    }
    const Standard& standard = *product.standard;
    std::map<std::string, dg::SourcePosition> seen;
    for (const auto& item : node) {
        const std::string written = item.first.Scalar();
        const standard::ResolvedReference resolved = standard.resolve(written);
        if (resolved.provision == nullptr) {
            std::vector<std::string> ids;
            for (const standard::Provision& provision : standard.provisions()) {
                ids.push_back(provision.id);
            }
            report("ICS001", item.first,
                   fmt::format("'{}' is not a provision of {}", written, standard.short_title()),
                   did_you_mean(standard::clean_reference(written), ids) +
                       " ('iotconform catalog' lists them)");
            continue;
        }
        IcsEntry entry;
        entry.provision_id = resolved.provision->id;
        entry.written_reference = written;
        entry.position = position(item.first);
        if (!resolved.note.empty()) {
            report("ICS003", item.first, resolved.note, {}, entry.provision_id);
        }
        const auto [previous, fresh] = seen.emplace(entry.provision_id, entry.position);
        if (!fresh) {
            report("ICS002", item.first,
                   fmt::format("{} is answered twice (first at line {})", entry.provision_id,
                               previous->second.line),
                   "merge the two entries into one", entry.provision_id);
            continue;
        }
        load_entry(item.first, item.second, entry);
        product.entries.push_back(std::move(entry));
    }
}

// Product files are UTF-8 (YAML's default, and what every report writes). Anything else
// is refused with its place, rather than carried into reports as garbage.
std::optional<dg::Diagnostic> check_encoding(std::string_view& text, const std::string& path) {
    constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
    if (text.starts_with(k_utf8_bom)) {
        text.remove_prefix(k_utf8_bom.size());
    }
    using namespace std::string_view_literals;
    const bool utf32 = text.starts_with("\xFF\xFE\0\0"sv) || text.starts_with("\0\0\xFE\xFF"sv);
    if (utf32 || text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
        return dg::make("PF001", {},
                        fmt::format("the file is {}, not UTF-8", utf32 ? "UTF-32" : "UTF-16"),
                        "save it as UTF-8 (most editors: 'Save with encoding')", {path, 1, 1});
    }
    if (const std::optional<std::size_t> offset = util::find_invalid_utf8(text)) {
        const util::LineColumn at = util::line_column(text, *offset);
        return dg::make("PF001", {},
                        fmt::format("byte 0x{:02X} at offset {} is not valid UTF-8",
                                    static_cast<unsigned char>(text[*offset]), *offset),
                        "save the file as UTF-8; if it came from a spreadsheet or Word, export "
                        "it again with UTF-8 encoding",
                        {path, at.line, at.column});
    }
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        // Text with a NUL in every other byte is UTF-16 saved without a byte-order mark.
        if (text.size() >= 4 && nul <= 1 && text[nul + 2] == '\0') {
            return dg::make("PF001", {},
                            "the file looks like UTF-16 without a byte-order mark, not UTF-8",
                            "save it as UTF-8 (most editors: 'Save with encoding')", {path, 1, 1});
        }
        const util::LineColumn at = util::line_column(text, nul);
        return dg::make("PF001", {},
                        fmt::format("NUL byte at offset {}: this is not a text file", nul),
                        "give the product file (YAML), not a binary", {path, at.line, at.column});
    }
    return std::nullopt;
}

// The line of a document marker that starts a second document ("---" after content, or
// anything but comments after "..."), or nullopt. Markers stand at column 0, where block
// scalars cannot put text.
std::optional<int> second_document_line(std::string_view text) {
    bool content = false;
    bool ended = false;
    int number = 0;
    for (const std::string& line : util::split(text, '\n')) {
        ++number;
        const std::string_view view = util::trim(line);
        const bool marker = line.starts_with("---") && (line.size() == 3 || line[3] == ' ' ||
                                                        line[3] == '\t' || line[3] == '\r');
        if (marker) {
            if (content) {
                return number;
            }
            continue;
        }
        if (line.starts_with("...") && util::trim(line.substr(3)).empty()) {
            ended = true;
            continue;
        }
        if (view.empty() || view.starts_with('#')) {
            continue;
        }
        if (ended) {
            return number;
        }
        content = true;
    }
    return std::nullopt;
}

// True when the quoted scalar starting at `start` (on its opening quote) is closed.
bool quote_closed(std::string_view text, std::size_t start) {
    const char quote = text[start];
    for (std::size_t i = start + 1; i < text.size(); ++i) {
        if (quote == '"' && text[i] == '\\') {
            ++i;  // an escape: the next byte is never the closing quote
        } else if (text[i] == quote) {
            if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
                ++i;  // '' is a quote inside a single-quoted scalar
                continue;
            }
            return true;
        }
    }
    return false;
}

// yaml-cpp accepts a quoted value left open until the end of the file, swallowing every
// line after it into one string. Find such values, so the user hears about the missing
// quote instead of a product file that silently lost its statement.
void Loader::check_values(const YAML::Node& node, std::string_view text, int depth) {
    // Product files nest four levels deep and hold a few hundred values; the bounds stop
    // recursive aliases and alias bombs (aliases are shared, but a walk visits each use).
    constexpr int k_max_depth = 32;
    if (depth > k_max_depth || m_walk_stopped) {
        return;
    }
    if (++m_nodes_walked > util::k_max_yaml_nodes) {
        report("PF003", node,
               fmt::format("the file holds more than {} values, counting each use of an alias",
                           util::k_max_yaml_nodes),
               "a product file has a few hundred values; check the file is what you meant");
        m_walk_stopped = true;
        return;
    }
    if (node.IsScalar()) {
        m_bytes_walked += node.Scalar().size();
        if (m_bytes_walked > util::k_max_expanded_bytes) {
            report("PF003", node,
                   fmt::format(
                       "the values add up to more than {} bytes, counting each use of an alias",
                       util::k_max_expanded_bytes),
                   "write each value out once; a product file needs no aliases");
            m_walk_stopped = true;
            return;
        }
        if (const std::optional<std::size_t> control =
                util::find_control_character(node.Scalar())) {
            report("PF004", node,
                   fmt::format("a value holds the control character 0x{:02X}",
                               static_cast<unsigned char>(node.Scalar()[*control])),
                   "remove escape sequences such as \\e or \\0 from the value");
        }
        const YAML::Mark mark = node.Mark();
        if (node.Tag() != "?" && mark.pos >= 0 &&
            static_cast<std::size_t>(mark.pos) < text.size()) {
            // Step over an anchor ("&a") or a tag ("!!str") before the value itself.
            std::size_t start = static_cast<std::size_t>(mark.pos);
            while (start < text.size() && (text[start] == '&' || text[start] == '!')) {
                start = text.find_first_of(" \t\n", start);
                start = start == std::string_view::npos ? text.size()
                                                        : text.find_first_not_of(" \t", start);
                start = start == std::string_view::npos ? text.size() : start;
            }
            if (start < text.size() && (text[start] == '"' || text[start] == '\'') &&
                !quote_closed(text, start)) {
                report("PF001", node,
                       "this quoted value is never closed: it runs to the end of the file",
                       fmt::format("add the closing {} at the end of the value", text[start]));
            }
        }
        return;
    }
    if (node.IsMap()) {
        for (const auto& item : node) {
            check_values(item.first, text, depth + 1);
            check_values(item.second, text, depth + 1);
        }
    } else if (node.IsSequence()) {
        for (const YAML::Node& item : node) {
            check_values(item, text, depth + 1);
        }
    }
}

ProductLoad Loader::run(std::string_view text) {
    if (std::optional<dg::Diagnostic> problem = check_encoding(text, m_path)) {
        m_diagnostics.push_back(std::move(*problem));
        return {std::nullopt, std::move(m_diagnostics)};
    }
    if (const std::optional<std::size_t> deep =
            util::find_deep_nesting(text, util::k_max_nesting, true)) {
        const util::LineColumn at = util::line_column(text, *deep);
        m_diagnostics.push_back(
            dg::make("PF001", {},
                     fmt::format("brackets nested more than {} levels deep", util::k_max_nesting),
                     "a product file nests four levels; check the file is what you meant",
                     {m_path, at.line, at.column}));
        return {std::nullopt, std::move(m_diagnostics)};
    }
    // One document per file: yaml-cpp reads the first and ignores the rest, and its
    // LoadAll can loop forever on malformed input, so markers are found here.
    if (const std::optional<int> line = second_document_line(text)) {
        m_diagnostics.push_back(
            dg::make("PF001", {}, "the file holds more than one YAML document",
                     "a product file is one document: remove the '---' or '...' markers "
                     "between documents",
                     {m_path, *line, 1}));
        return {std::nullopt, std::move(m_diagnostics)};
    }
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::ParserException& error) {
        m_diagnostics.push_back(dg::make(
            "PF001", {}, fmt::format("not valid YAML: {}", error.msg),
            "check indentation and quoting near this place; values with ': ' or '#' need quotes",
            {m_path, error.mark.line + 1, error.mark.column + 1}));
        return {std::nullopt, std::move(m_diagnostics)};
    }
    m_text = text;
    try {
        check_values(root, text, 0);
    } catch (const TooManyErrors&) {
        return {std::nullopt, std::move(m_diagnostics)};
    }
    if (dg::has_errors(m_diagnostics)) {
        return {std::nullopt, std::move(m_diagnostics)};
    }
    if (!root.IsMap()) {
        m_diagnostics.push_back(dg::make("PF003", {}, "a product file must be a YAML mapping",
                                         "start from the template 'iotconform init DIR' writes",
                                         {m_path, 1, 1}));
        return {std::nullopt, std::move(m_diagnostics)};
    }

    Product product;
    product.path = m_path;
    try {
        check_mapping(root, "the product file", k_top_keys);
        load_format(root);
        product.standard = load_standard(root);
        load_scope(root, product);
        load_identity(root, product);
        if (product.standard != nullptr) {
            load_answers(root, product);
            load_entries(root, product);
        }
        load_artifacts(root, product);
        load_suppressions(root, product);
    } catch (const YAML::Exception& error) {
        // yaml-cpp throws for shapes our checks did not foresee; report, never crash.
        m_diagnostics.push_back(dg::make("PF003", {}, error.msg, {},
                                         {m_path, error.mark.line + 1, error.mark.column + 1}));
    } catch (const TooManyErrors&) {
        return {std::nullopt, std::move(m_diagnostics)};
    }
    if (product.standard == nullptr) {
        return {std::nullopt, std::move(m_diagnostics)};
    }
    return {std::move(product), std::move(m_diagnostics)};
}

}  // namespace

ProductLoad load_product(std::string_view text, const std::string& path) {
    return Loader(path).run(text);
}

ProductLoad load_product_file(const std::string& path) {
    util::ReadResult read = util::read_text_file(path, util::k_max_product_file_bytes);
    if (!read.content) {
        return {std::nullopt,
                {dg::make("PF009", {}, read.error,
                          "check the path; a product file is written by "
                          "'iotconform init DIR'",
                          {path, 0, 0})}};
    }
    ProductLoad load = load_product(*read.content, path);
    const std::string extension = util::to_lower(std::filesystem::path(path).extension().string());
    if (!load.product &&
        (extension == ".md" || extension == ".csv" || extension == ".rst" || extension == ".txt")) {
        // A published table given where a product file belongs: say which command reads it.
        for (dg::Diagnostic& d : load.diagnostics) {
            d.hint = fmt::format(
                "{} looks like a document, not a product file: convert it with "
                "'iotconform import {} -o product.yaml'",
                path, path);
        }
    }
    return load;
}

}  // namespace iotconform::ics
