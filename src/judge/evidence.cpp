// Names of evidence effects, as reports print them.
#include "judge/evidence.hpp"

namespace iotconform::judge {

std::string_view to_string(Effect effect) {
    switch (effect) {
        case Effect::contradicts:
            return "contradicts";
        case Effect::supports:
            return "supports";
        case Effect::informs:
            return "informs";
    }
    return "informs";
}

}  // namespace iotconform::judge
