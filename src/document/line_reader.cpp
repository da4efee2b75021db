// Line splitting and indentation for the document readers.
#include "document/line_reader.hpp"

namespace iotconform::document {

Lines split_lines(std::string_view text) {
    Lines lines;
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);  // a UTF-8 byte-order mark is not content
    }
    int number = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        const bool last = end == std::string_view::npos;
        if (last) {
            end = text.size();
        }
        std::string_view line = text.substr(start, end - start);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        if (!(last && line.empty())) {
            // Leading tabs become spaces (to the next multiple of 8), so indentation is a
            // byte count the readers can slice by.
            std::string expanded;
            std::size_t i = 0;
            for (; i < line.size() && (line[i] == ' ' || line[i] == '\t'); ++i) {
                expanded.append(line[i] == ' ' ? 1 : 8 - expanded.size() % 8, ' ');
            }
            expanded.append(line.substr(i));
            lines.push_back({number, std::move(expanded)});
        }
        ++number;
        if (last) {
            break;
        }
        start = end + 1;
    }
    return lines;
}

std::size_t indent_of(std::string_view line) {
    const std::size_t first = line.find_first_not_of(' ');
    return first == std::string_view::npos ? line.size() : first;
}

void assign(TableRow& row, Column column, std::string value) {
    switch (column) {
        case Column::reference:
            row.reference = std::move(value);
            return;
        case Column::description:
            row.description = std::move(value);
            return;
        case Column::status:
            row.status = std::move(value);
            return;
        case Column::support:
            row.support = std::move(value);
            return;
        case Column::detail:
            row.detail = std::move(value);
            return;
        case Column::other:
            return;
    }
}

}  // namespace iotconform::document
