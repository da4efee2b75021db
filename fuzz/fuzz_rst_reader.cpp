// Fuzz target: the rst document reader and the mapping of what it reads onto the
// standard. Whatever the bytes, neither may crash, hang or leak.
#include <cstdint>
#include <string_view>

#include "document/importer.hpp"
#include "document/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    iotconform::document::Table table = iotconform::document::read_rst(text, "fuzz");
    (void)iotconform::document::import_table(std::move(table), {}, "fuzz");
    return 0;
}
