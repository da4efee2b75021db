// iotconform: judges a consumer IoT product's conformance statement against ETSI EN 303 645.
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
    const int code = iotconform::cli::run(argc, argv, std::cout, std::cerr);
    // Output nobody could receive (a full disk, a closed pipe) is a failure, not success.
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "iotconform: error: cannot write to standard output\n";
        return iotconform::cli::k_exit_io_error;
    }
    return code;
}
