// Generating the product file's JSON Schema from the model of the standard.
#include "ics/product_schema.hpp"

#include <fmt/format.h>

#include "ics/product_loader.hpp"
#include "standard/status.hpp"

namespace iotconform::ics {

using nlohmann::json;

namespace {

// Paths are relative to the product file.
json artifacts_schema() {
    const json path = {{"type", "string"}, {"minLength", 1}};
    return {{"type", "object"},
            {"additionalProperties", false},
            {"description", "Files that automatic checks read as evidence."},
            {"properties",
             {{"firmware",
               {{"type", "object"},
                {"additionalProperties", false},
                {"required", json::array({"file"})},
                {"properties", {{"file", path}}}}},
              {"kernel",
               {{"type", "object"},
                {"additionalProperties", false},
                {"required", json::array({"config"})},
                {"properties",
                 {{"config", path},
                  {"cmdline", path},
                  {"sysctl", path},
                  {"profile", {{"enum", json::array({"baseline", "strict"})}}},
                  {"arch", {{"type", "string"}}},
                  {"version", {{"type", "string"}}},
                  {"rules", {{"type", "array"}, {"items", path}}}}}}},
              {"update_image",
               {{"type", "object"},
                {"additionalProperties", false},
                {"required", json::array({"file"})},
                {"properties", {{"file", path}, {"key", path}, {"decryption_key", path}}}}}}}};
}

}  // namespace

json product_schema(const standard::Standard& standard) {
    const json nullable_string = {{"type", json::array({"string", "number", "null"})}};
    json conditions = json::object();
    for (const standard::Condition& condition : standard.conditions()) {
        conditions[condition.key] = {
            {"$ref", "#/$defs/answer"},
            {"description", fmt::format("Condition {}: {}", condition.number, condition.text)}};
    }
    json features = json::object();
    for (const standard::Feature& feature : standard.features()) {
        features[feature.key] = {
            {"$ref", "#/$defs/answer"},
            {"description", fmt::format("Feature {}: {}", feature.letter, feature.text)}};
    }
    json provisions = json::object();
    for (const standard::Provision& provision : standard.provisions()) {
        provisions[provision.id] = {
            {"$ref", "#/$defs/entry"},
            {"description",
             fmt::format("{} [{}]: {}", provision.id, standard::format_status(provision.status),
                         provision.text)}};
    }

    return {
        {"$schema", "https://json-schema.org/draft/2020-12/schema"},
        {"$id", fmt::format("urn:iotconform:product-file:{}:{}", k_product_format, standard.id())},
        {"title", fmt::format("iotconform product file ({})", standard.short_title())},
        {"description",
         "The implementation conformance statement (Table B.1) of one product or "
         "component, with its identity and condition answers."},
        {"type", "object"},
        {"additionalProperties", false},
        {"required", json::array({"standard", "product"})},
        {"properties",
         {
             {"iotconform",
              {{"const", k_product_format}, {"description", "Product file format version."}}},
             {"standard", {{"const", standard.id()}, {"description", standard.title()}}},
             {"scope",
              {{"enum", json::array({"product", "component"})},
               {"description",
                "product, or component for an RTOS, module or SDK products are built on."}}},
             {"product",
              {{"type", "object"},
               {"additionalProperties", false},
               {"required", json::array({"name"})},
               {"properties",
                {{"name", {{"type", "string"}, {"minLength", 1}}},
                 {"manufacturer", nullable_string},
                 {"model", nullable_string},
                 {"firmware_version", nullable_string}}}}},
             {"conditions",
              {{"type", "object"}, {"additionalProperties", false}, {"properties", conditions}}},
             {"features",
              {{"type", "object"}, {"additionalProperties", false}, {"properties", features}}},
             {"ics",
              {{"type", "object"}, {"additionalProperties", false}, {"properties", provisions}}},
             {"artifacts", artifacts_schema()},
             {"suppressions",
              {{"type", "array"},
               {"description",
                "Findings of automatic checks set aside on purpose; every report shows them."},
               {"items",
                {{"type", "object"},
                 {"additionalProperties", false},
                 {"required", json::array({"rule", "reason"})},
                 {"properties",
                  {{"rule", {{"type", "string"}, {"minLength", 1}}},
                   {"reason", {{"type", "string"}, {"minLength", 1}}}}}}}}},
         }},
        {"$defs",
         {
             {"answer", {{"enum", json::array({true, false, "unknown", nullptr})}}},
             {"support",
              {{"enum", json::array({"Y", "N", "N/A", nullptr})},
               {"description", "Y supported, N not supported, N/A not applicable."}}},
             {"entry",
              {{"oneOf",
                json::array(
                    {{{"$ref", "#/$defs/support"}},
                     {{"type", "object"},
                      {"additionalProperties", false},
                      {"properties",
                       {{"support", {{"$ref", "#/$defs/support"}}},
                        {"detail",
                         {{"type", json::array({"string", "null"})},
                          {"description", "Y: the measures; N: why not; N/A: the rationale."}}},
                        {"evidence",
                         {{"oneOf",
                           json::array({{{"type", "string"}},
                                        {{"type", "array"}, {"items", {{"type", "string"}}}}})}}},
                        {"review",
                         {{"type", "string"},
                          {"description",
                           "A decision left to a person (written by migrate); "
                           "reported until removed."}}},
                        {"status",
                         {{"type", "string"},
                          {"description",
                           "The status as a published document gives it, kept to "
                           "report where it differs from the standard."}}}}}}})}}},
         }},
    };
}

}  // namespace iotconform::ics
