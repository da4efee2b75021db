// iotconform: judges a consumer IoT product's conformance statement against ETSI EN 303 645.
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
    return iotconform::cli::run(argc, argv, std::cout, std::cerr);
}
