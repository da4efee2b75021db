// Migration between editions, driven by data/migrations/*.yaml: the mapping of references
// and of condition answers is data; this file applies it and explains each step.
#include "migrate/migration.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "standard/catalog.hpp"
#include "standard/embedded_data.hpp"
#include "util/text.hpp"

namespace iotconform::migrate {

namespace {

struct ProvisionMap {
    std::string from;
    std::vector<std::string> to;
    std::string note;
    std::string review;
};

struct AnswerMap {
    std::string from;
    std::string to;
    std::optional<bool> when;  // carry only this answer
    bool invert = false;       // carry the opposite answer
    std::string review;
};

struct MigrationData {
    std::string from;
    std::string to;
    std::vector<ProvisionMap> provisions;
    std::vector<AnswerMap> answers;
};

std::string text_of(const YAML::Node& node, const char* key) {
    return node[key] ? node[key].as<std::string>() : std::string();
}

// The built-in migration tables. Their consistency with the editions is checked by the
// test suite; a broken table is a build defect, reported as standard::DataError.
const std::vector<MigrationData>& migrations() {
    static const std::vector<MigrationData> loaded = [] {
        std::vector<MigrationData> list;
        for (const standard::EmbeddedFile& file : standard::embedded_files()) {
            if (!file.name.starts_with("migrations/")) {
                continue;
            }
            try {
                const YAML::Node root = YAML::Load(std::string(file.content));
                MigrationData data{text_of(root, "from"), text_of(root, "to"), {}, {}};
                for (const YAML::Node& node : root["provisions"]) {
                    data.provisions.push_back({text_of(node, "from"),
                                               node["to"].as<std::vector<std::string>>(),
                                               text_of(node, "note"), text_of(node, "review")});
                }
                for (const YAML::Node& node : root["answers"]) {
                    AnswerMap map{text_of(node, "from"), text_of(node, "to"), std::nullopt, false,
                                  text_of(node, "review")};
                    if (node["when"]) {
                        map.when = node["when"].as<bool>();
                    }
                    map.invert = node["invert"] && node["invert"].as<bool>();
                    data.answers.push_back(std::move(map));
                }
                list.push_back(std::move(data));
            } catch (const YAML::Exception& error) {
                throw standard::DataError(
                    fmt::format("{}:{}: {}", file.name, error.mark.line + 1, error.msg));
            }
        }
        return list;
    }();
    return loaded;
}

const MigrationData* find_migration(const std::string& from, const std::string& to) {
    for (const MigrationData& data : migrations()) {
        if (data.from == from && data.to == to) {
            return &data;
        }
    }
    return nullptr;
}

// The source provisions of each target provision, with the mapping that led there.
struct Source {
    std::string id;
    const ProvisionMap* map = nullptr;  // null: same reference
};

std::optional<Source> source_of(const MigrationData& data, const standard::Standard& from,
                                const std::string& target_id) {
    for (const ProvisionMap& map : data.provisions) {
        if (std::find(map.to.begin(), map.to.end(), target_id) != map.to.end()) {
            return Source{map.from, &map};
        }
    }
    if (from.find_provision(target_id) != nullptr) {
        bool moved = false;
        for (const ProvisionMap& map : data.provisions) {
            moved = moved || map.from == target_id;
        }
        if (!moved) {
            return Source{target_id, nullptr};
        }
    }
    return std::nullopt;
}

// The target's conditions no mapping fills: what a dropped answer has to be replaced by.
std::string replacement_keys(const standard::Standard& to) {
    std::vector<std::string> keys;
    for (const standard::Condition& condition : to.conditions()) {
        bool mapped = false;
        for (const MigrationData& data : migrations()) {
            for (const AnswerMap& map : data.answers) {
                mapped = mapped || map.to == condition.key;
            }
        }
        if (!mapped) {
            keys.push_back(condition.key);
        }
    }
    return util::join(keys, ", ");
}

void migrate_answers(const MigrationData& data, const ics::Product& source, Migration& migration) {
    std::map<std::string, ics::Answer> decided;  // target key -> the answer carried to it
    const standard::Standard& from = *source.standard;
    const standard::Standard& to = *migration.product.standard;
    for (const standard::Condition& condition : from.conditions()) {
        const auto given = source.conditions.find(condition.number);
        if (given == source.conditions.end() || given->second.answer == ics::Answer::unknown) {
            continue;
        }
        const bool yes = given->second.answer == ics::Answer::yes;
        bool carried = false;
        for (const AnswerMap& map : data.answers) {
            if (map.from != condition.key || (map.when && *map.when != yes)) {
                continue;
            }
            const ics::Answer carried_answer =
                map.invert ? (yes ? ics::Answer::no : ics::Answer::yes) : given->second.answer;
            ics::AnswerEntry* slot = nullptr;
            if (const standard::Condition* target = to.find_condition(map.to)) {
                slot = &migration.product.conditions[target->number];
            } else if (const standard::Feature* feature = to.find_feature(map.to)) {
                slot = &migration.product.features[feature->letter];
            } else {
                continue;
            }
            carried = true;
            // Two V2 answers that lead to opposite V3 answers (not updatable, yet an update
            // mechanism): neither wins; a person decides.
            if (const auto earlier = decided.find(map.to);
                earlier != decided.end() && earlier->second != carried_answer) {
                slot->answer = ics::Answer::unknown;
                migration.notes.push_back(
                    {Change::answer_dropped, condition.key, map.to,
                     fmt::format("the V2.1.1 answers contradict each other on {}; "
                                 "left unknown for a person to answer",
                                 map.to),
                     true});
                continue;
            }
            decided[map.to] = carried_answer;
            *slot = {carried_answer, {}};
            migration.notes.push_back({Change::answer_carried, condition.key, map.to,
                                       map.review.empty()
                                           ? fmt::format("{}: {} carried to {}: {}", condition.key,
                                                         ics::to_string(given->second.answer),
                                                         map.to, ics::to_string(carried_answer))
                                           : map.review,
                                       !map.review.empty()});
        }
        if (!carried) {
            // The answer reaches the V3 keys its mappings name for the other answer (true
            // means automatic updates or notifications, but not which): those are the ones
            // to answer. A condition with no mapping at all is replaced by V3's new ones.
            std::vector<std::string> targets;
            for (const AnswerMap& map : data.answers) {
                if (map.from == condition.key &&
                    std::find(targets.begin(), targets.end(), map.to) == targets.end()) {
                    targets.push_back(map.to);
                }
            }
            migration.notes.push_back(
                {Change::answer_dropped,
                 condition.key,
                 {},
                 targets.empty()
                     ? fmt::format("{} ({}) has no counterpart in {}; answer the conditions that "
                                   "replace it ({})",
                                   condition.key, ics::to_string(given->second.answer),
                                   to.short_title(), replacement_keys(to))
                     : fmt::format("{} ({}) does not decide {} in {}; answer {}", condition.key,
                                   ics::to_string(given->second.answer),
                                   util::join(targets, " and "), to.short_title(),
                                   targets.size() == 1 ? "it" : "each"),
                 true});
        }
    }
}

// Every path the product file's `artifacts:` names, with the key that names it.
std::vector<std::pair<std::string, ics::ArtifactRef*>> artifact_paths(ics::Artifacts& artifacts) {
    std::vector<std::pair<std::string, ics::ArtifactRef*>> paths;
    const auto add = [&](std::string key, std::optional<ics::ArtifactRef>& ref) {
        if (ref) {
            paths.emplace_back(std::move(key), &*ref);
        }
    };
    if (artifacts.firmware) {
        paths.emplace_back("artifacts.firmware.file", &artifacts.firmware->image);
    }
    if (artifacts.kernel) {
        ics::KernelArtifacts& kernel = *artifacts.kernel;
        paths.emplace_back("artifacts.kernel.config", &kernel.config);
        add("artifacts.kernel.cmdline", kernel.cmdline);
        add("artifacts.kernel.sysctl", kernel.sysctl);
        for (std::size_t i = 0; i < kernel.rules.size(); ++i) {
            paths.emplace_back(fmt::format("artifacts.kernel.rules[{}]", i), &kernel.rules[i]);
        }
    }
    if (artifacts.update_image) {
        ics::UpdateImageArtifacts& image = *artifacts.update_image;
        paths.emplace_back("artifacts.update_image.file", &image.image);
        add("artifacts.update_image.key", image.key);
        add("artifacts.update_image.decryption_key", image.decryption_key);
    }
    return paths;
}

std::string kept_path_message(const ics::ArtifactRef& ref) {
    return fmt::format("{} kept as written ({})", ref.written,
                       std::filesystem::path(ref.written).is_absolute()
                           ? "an absolute path"
                           : "relative to the product file's folder");
}

// The product file's artifacts and suppressions are not part of Table B.1: they carry
// over unchanged, each with a note so the migration report lists them.
void carry_artifacts(const ics::Product& source, Migration& migration) {
    migration.product.artifacts = source.artifacts;
    migration.product.suppressions = source.suppressions;
    for (const auto& [key, ref] : artifact_paths(migration.product.artifacts)) {
        migration.notes.push_back({Change::kept, key, key, kept_path_message(*ref), false});
    }
    for (const ics::Suppression& suppression : source.suppressions) {
        migration.notes.push_back(
            {Change::kept, "suppressions", suppression.rule,
             fmt::format("suppression of {} kept: {}", suppression.rule, suppression.reason),
             false});
    }
}

}  // namespace

void relocate_artifacts(Migration& migration, const std::string& source_file,
                        const std::string& output) {
    namespace fs = std::filesystem;
    const fs::path from = fs::absolute(fs::path(source_file)).parent_path().lexically_normal();
    const fs::path to = fs::absolute(fs::path(output)).parent_path().lexically_normal();
    if (from == to) {
        return;
    }
    for (const auto& [key, ref] : artifact_paths(migration.product.artifacts)) {
        if (fs::path(ref->written).is_absolute()) {
            continue;
        }
        const fs::path target = (from / ref->written).lexically_normal();
        fs::path relative = target.lexically_relative(to);
        const std::string written = relative.empty() ? target.string() : relative.string();
        const std::string message = fmt::format(
            "{} rewritten as {} so that it names the same file from the folder of "
            "{}",
            ref->written, written, output);
        for (Note& note : migration.notes) {
            if (note.change == Change::kept && note.to == key) {
                note.message = message;
            }
        }
        ref->written = written;
        ref->resolved = (to / written).lexically_normal().string();
    }
}

std::string_view to_string(Change change) {
    switch (change) {
        case Change::carried:
            return "carried";
        case Change::renamed:
            return "renamed";
        case Change::level_changed:
            return "level changed";
        case Change::split:
            return "split";
        case Change::added:
            return "added";
        case Change::answer_carried:
            return "answer carried";
        case Change::answer_dropped:
            return "answer dropped";
        case Change::kept:
            return "kept";
    }
    return "carried";
}

std::string source_reference(const standard::Standard& from, const standard::Standard& to,
                             const std::string& target_id) {
    if (&from == &to) {
        return from.find_provision(target_id) != nullptr ? target_id : std::string();
    }
    const MigrationData* data = find_migration(from.id(), to.id());
    if (data == nullptr) {
        return {};
    }
    const std::optional<Source> source = source_of(*data, from, target_id);
    return source ? source->id : std::string();
}

std::vector<std::pair<std::string, std::string>> available_migrations() {
    std::vector<std::pair<std::string, std::string>> list;
    for (const MigrationData& data : migrations()) {
        list.emplace_back(data.from, data.to);
    }
    return list;
}

std::optional<Migration> migrate(const ics::Product& product, const standard::Standard& target) {
    const standard::Standard& from = *product.standard;
    const MigrationData* data = find_migration(from.id(), target.id());
    if (data == nullptr) {
        return std::nullopt;
    }
    Migration migration;
    migration.product.path = product.path;
    migration.product.standard = &target;
    migration.product.scope = product.scope;
    migration.product.identity = product.identity;
    migrate_answers(*data, product, migration);

    for (const standard::Provision& provision : target.provisions()) {
        ics::IcsEntry entry;
        entry.provision_id = provision.id;
        entry.written_reference = provision.id;
        const std::optional<Source> source = source_of(*data, from, provision.id);
        const ics::IcsEntry* old = source ? product.find_entry(source->id) : nullptr;
        if (!source) {
            entry.review = fmt::format("new in {}: answer it", target.short_title());
            migration.notes.push_back({Change::added, {}, provision.id, entry.review, true});
            migration.product.entries.push_back(std::move(entry));
            continue;
        }
        if (old != nullptr) {
            entry.support = old->support;
            entry.detail = old->detail;
            entry.evidence = old->evidence;
        }
        const standard::Provision* before = from.find_provision(source->id);
        Note note{Change::carried, source->id, provision.id, {}, false};
        if (source->map != nullptr && source->map->to.size() > 1) {
            note.change = Change::split;
            note.message = source->map->review;
            note.review = true;
        } else if (source->map != nullptr) {
            note.change = Change::renamed;
            note.message = source->map->note;
        } else if (before->status.level != provision.status.level) {
            note.change = Change::level_changed;
            note.message = fmt::format(
                "{} is {} in {} but {} in {}", provision.id,
                before->mandatory() ? "mandatory" : "a recommendation", from.short_title(),
                provision.mandatory() ? "mandatory" : "a recommendation", target.short_title());
            note.review = true;
        } else {
            note.message = fmt::format("{} [{}] -> {} [{}]", source->id,
                                       standard::format_status(before->status), provision.id,
                                       standard::format_status(provision.status));
        }
        // An N/A rested on V2 conditions; V3 decides applicability by other conditions and
        // features, so the rationale has to be checked.
        if (old != nullptr && old->support == ics::Support::not_applicable &&
            standard::format_status(before->status) != standard::format_status(provision.status) &&
            !note.review) {
            note.review = true;
            note.message = fmt::format(
                "N/A carried over, but the status changed from {} to {}: check the "
                "rationale against the new conditions and features",
                standard::format_status(before->status), standard::format_status(provision.status));
        }
        if (note.review) {
            entry.review = note.message;
        }
        migration.notes.push_back(std::move(note));
        migration.product.entries.push_back(std::move(entry));
    }
    carry_artifacts(product, migration);
    return migration;
}

std::string report_markdown(const Migration& migration, const ics::Product& source) {
    const standard::Standard& from = *source.standard;
    const standard::Standard& to = *migration.product.standard;
    std::string out = fmt::format("# Migration of {} from {} to {}\n\n", source.identity.name,
                                  from.short_title(), to.short_title());
    std::size_t reviews = 0;
    for (const Note& note : migration.notes) {
        reviews += note.review ? 1 : 0;
    }
    out += fmt::format(
        "{} for a person to decide; each row concerned carries a `review` line in the "
        "product file, reported by `assess` (ICS050) until it is deleted.\n\n",
        util::counted(reviews, "decision"));
    out +=
        "## Decisions left to a person\n\n| Change | From | To | What to decide "
        "|\n|---|---|---|---|\n";
    for (const Note& note : migration.notes) {
        if (note.review) {
            out += fmt::format("| {} | {} | {} | {} |\n", to_string(note.change), note.from,
                               note.to, note.message);
        }
    }
    out += "\n## Carried over\n\n| Change | From | To | Note |\n|---|---|---|---|\n";
    for (const Note& note : migration.notes) {
        if (!note.review) {
            out += fmt::format("| {} | {} | {} | {} |\n", to_string(note.change), note.from,
                               note.to, note.message);
        }
    }
    return out;
}

}  // namespace iotconform::migrate
