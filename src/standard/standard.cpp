// Lookups over one edition of the standard, and lenient reading of references.
#include "standard/standard.hpp"

#include <algorithm>
#include <cctype>

#include "util/text.hpp"

namespace iotconform::standard {

Standard::Standard(std::string id, std::string title, std::string short_title,
                   std::vector<Clause> clauses, std::vector<Condition> conditions,
                   std::vector<Feature> features, std::vector<Provision> provisions,
                   std::vector<Term> terms)
    : m_id(std::move(id)),
      m_title(std::move(title)),
      m_short_title(std::move(short_title)),
      m_clauses(std::move(clauses)),
      m_conditions(std::move(conditions)),
      m_features(std::move(features)),
      m_provisions(std::move(provisions)),
      m_terms(std::move(terms)) {
    for (std::size_t i = 0; i < m_provisions.size(); ++i) {
        m_provision_index.emplace(m_provisions[i].id, i);
    }
}

const Provision* Standard::find_provision(std::string_view canonical_id) const {
    const auto found = m_provision_index.find(canonical_id);
    return found == m_provision_index.end() ? nullptr : &m_provisions[found->second];
}

const Clause* Standard::find_clause(std::string_view number) const {
    for (const Clause& clause : m_clauses) {
        if (clause.number == number) {
            return &clause;
        }
    }
    return nullptr;
}

const Condition* Standard::find_condition(int number) const {
    for (const Condition& condition : m_conditions) {
        if (condition.number == number) {
            return &condition;
        }
    }
    return nullptr;
}

const Condition* Standard::find_condition(std::string_view key) const {
    for (const Condition& condition : m_conditions) {
        if (condition.key == key) {
            return &condition;
        }
    }
    return nullptr;
}

const Feature* Standard::find_feature(std::string_view letter_or_key) const {
    for (const Feature& feature : m_features) {
        if (feature.key == letter_or_key || feature.letter == letter_or_key) {
            return &feature;
        }
    }
    return nullptr;
}

const Term* Standard::find_term(std::string_view term) const {
    const std::string wanted = util::collapse_whitespace(term);
    // People ask for "critical security parameters" and "sensitive security parameter":
    // a trailing "s" on either side still matches.
    const auto same = [](std::string_view a, std::string_view b) {
        return util::iequals(a, b) ||
               (a.size() == b.size() + 1 && (a.back() == 's' || a.back() == 'S') &&
                util::iequals(a.substr(0, b.size()), b));
    };
    for (const Term& candidate : m_terms) {
        if (util::iequals(candidate.term, wanted)) {
            return &candidate;
        }
    }
    for (const Term& candidate : m_terms) {
        if (same(candidate.term, wanted) || same(wanted, candidate.term)) {
            return &candidate;
        }
    }
    return nullptr;
}

const Provision* Standard::justification_provision() const {
    for (const Provision& provision : m_provisions) {
        if (provision.records_justifications) {
            return &provision;
        }
    }
    return nullptr;
}

std::vector<std::string> Standard::suggest_provisions(std::string_view reference,
                                                      std::size_t limit) const {
    const std::string cleaned = clean_reference(reference);
    std::vector<std::string> suggestions;
    // V3.1.3 split rows of V2.1.1 into halves A and B: someone writing the old id means one
    // of them, however near other ids are in spelling.
    for (const char* half : {"A", "B"}) {
        if (!cleaned.empty() && find_provision(cleaned + half) != nullptr) {
            suggestions.push_back(cleaned + half);
        }
    }
    std::vector<std::string> ids;
    for (const Provision& provision : m_provisions) {
        ids.push_back(provision.id);
    }
    for (std::string& near : util::nearest(cleaned.empty() ? reference : cleaned, ids, limit)) {
        if (suggestions.size() < limit &&
            std::find(suggestions.begin(), suggestions.end(), near) == suggestions.end()) {
            suggestions.push_back(std::move(near));
        }
    }
    return suggestions;
}

std::vector<std::string> Standard::answer_keys() const {
    std::vector<std::string> keys;
    for (const Condition& condition : m_conditions) {
        keys.push_back(condition.key);
    }
    for (const Feature& feature : m_features) {
        keys.push_back(feature.key);
    }
    return keys;
}

std::string clean_reference(std::string_view reference) {
    // Word processors turn "-" into look-alikes; all mean the provision's dash.
    const std::string text = util::ascii_dashes(util::collapse_whitespace(reference));
    // Decorations seen in published tables: markdown emphasis, brackets, a trailing
    // colon or full stop.
    std::string stripped;
    for (const char c : text) {
        if (c != '*' && c != '_' && c != '`' && c != '[' && c != ']') {
            stripped += c;
        }
    }
    std::string_view view = util::trim(stripped);
    while (!view.empty() && (view.back() == ':' || view.back() == '.')) {
        view.remove_suffix(1);
    }
    constexpr std::string_view k_prefix = "provision";
    if (view.size() >= k_prefix.size() &&
        util::iequals(view.substr(0, k_prefix.size()), k_prefix)) {
        view.remove_prefix(k_prefix.size());
        view = util::trim(view);
    }
    std::string result;
    for (const char c : view) {
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            continue;
        }
        // Split provisions carry an upper-case suffix in the standard (5.3-4A).
        result += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return result;
}

ResolvedReference Standard::resolve(std::string_view reference) const {
    const std::string cleaned = clean_reference(reference);
    if (cleaned.empty()) {
        return {};
    }
    if (const Provision* provision = find_provision(cleaned)) {
        return {provision, {}};
    }
    // Clause 6 has no subclauses, but some documents number its provisions as if it had
    // one ("6.1-3" on the Zephyr page): accept "X.1-N" for "X-N" when only the latter
    // exists.
    const std::size_t dash = cleaned.find('-');
    if (dash != std::string::npos && dash >= 2 && cleaned.compare(dash - 2, 2, ".1") == 0) {
        const std::string shortened = cleaned.substr(0, dash - 2) + cleaned.substr(dash);
        if (find_clause(cleaned.substr(0, dash - 2)) != nullptr &&
            find_clause(cleaned.substr(0, dash)) == nullptr) {
            if (const Provision* provision = find_provision(shortened)) {
                return {provision, "'" + cleaned + "' read as '" + shortened + "'"};
            }
        }
    }
    return {};
}

}  // namespace iotconform::standard
