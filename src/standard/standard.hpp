// The model of one edition of EN 303 645: clauses, conditions, features, provisions and
// terms. Everything else in iotconform refers to provisions through this model.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "standard/status.hpp"

namespace iotconform::standard {

struct Clause {
    std::string number;  // "5.1", "6", "4"
    std::string title;
};

// A numbered condition of Table B.1 ("1: passwords are used").
struct Condition {
    int number = 0;
    std::string key;   // what a user writes in a product file: "passwords_used"
    std::string text;  // the condition as Table B.1 states it
    // The number of a condition this one is the exact negation of (V2.1.1's 5 "not
    // constrained" is 4 "constrained"): an answer to one answers the other.
    std::optional<int> opposite_of;
};

// A V3 feature letter ("a: passwords can be used ...").
struct Feature {
    std::string letter;  // "a" .. "aa"
    std::string key;     // what a user writes in a product file: "passwords"
    std::string text;
};

struct Provision {
    std::string id;      // canonical reference: "5.1-1", "6-3", "5.3-4A"
    std::string clause;  // "5.1"
    Status status;
    std::string text;
    // True when `text` is our own summary because the standard's wording is not
    // available to us; reports must then not present it as a quotation.
    bool text_is_summary = false;
    // True for the provision that requires justifications of every recommendation not
    // followed or not applicable (4-1 in V2.1.1, 5.0-1 in V3): the engine judges it from
    // the whole statement, not from its own row alone.
    bool records_justifications = false;

    bool mandatory() const { return status.level == Level::mandatory; }
};

struct Term {
    std::string term;
    std::string definition;
};

// How a reference written by a person maps to a provision of this edition.
struct ResolvedReference {
    const Provision* provision = nullptr;  // null when nothing matches
    // Set when the reference was accepted through a known variant (Zephyr's "6.1-3" for
    // "6-3"): what it was read as, so the caller can mention it.
    std::string note;
};

class Standard {
  public:
    Standard(std::string id, std::string title, std::string short_title,
             std::vector<Clause> clauses, std::vector<Condition> conditions,
             std::vector<Feature> features, std::vector<Provision> provisions,
             std::vector<Term> terms);

    const std::string& id() const { return m_id; }
    const std::string& title() const { return m_title; }
    const std::string& short_title() const { return m_short_title; }
    const std::vector<Clause>& clauses() const { return m_clauses; }
    const std::vector<Condition>& conditions() const { return m_conditions; }
    const std::vector<Feature>& features() const { return m_features; }
    // In the order of Table B.1.
    const std::vector<Provision>& provisions() const { return m_provisions; }
    const std::vector<Term>& terms() const { return m_terms; }

    const Provision* find_provision(std::string_view canonical_id) const;
    const Clause* find_clause(std::string_view number) const;
    const Condition* find_condition(int number) const;
    const Condition* find_condition(std::string_view key) const;
    const Feature* find_feature(std::string_view letter_or_key) const;
    const Term* find_term(std::string_view term) const;  // case-insensitive

    // Accepts what people write: "5.1-1", "Provision 5.1-1", "provision5.1-1",
    // "**5.1-1**", "5.3-4a", and Zephyr's "6.1-3" for clause 6's "6-3".
    ResolvedReference resolve(std::string_view reference) const;

    // The provisions to suggest for a reference that does not resolve, best first, at
    // most `limit`: the halves of a split provision ("5.6-4" -> 5.6-4A, 5.6-4B), then the
    // ids nearest in spelling. Empty when nothing is close.
    std::vector<std::string> suggest_provisions(std::string_view reference,
                                                std::size_t limit = 3) const;

    // The provision that records justifications (4-1, 5.0-1), if this edition has one.
    const Provision* justification_provision() const;

    // Keys of every condition and feature, for "did you mean" hints.
    std::vector<std::string> answer_keys() const;

  private:
    std::string m_id;
    std::string m_title;
    std::string m_short_title;
    std::vector<Clause> m_clauses;
    std::vector<Condition> m_conditions;
    std::vector<Feature> m_features;
    std::vector<Provision> m_provisions;
    std::vector<Term> m_terms;
    std::map<std::string, std::size_t, std::less<>> m_provision_index;
};

// Strips the decorations people put around a provision reference ("Provision",
// markdown bold, brackets, trailing punctuation) and normalises case of the split
// suffix: " **Provision 5.3-4a** " -> "5.3-4A". Returns the empty string when nothing
// reference-like remains.
std::string clean_reference(std::string_view reference);

}  // namespace iotconform::standard
