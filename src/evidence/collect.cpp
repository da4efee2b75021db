// One function per source of evidence, called in a fixed order: adding a source is one
// function here and one line in collect().
#include "evidence/collect.hpp"

#include "mcuboot/evidence.hpp"

namespace iotconform::evidence {

Collection collect(const ics::Product& product) {
    Collection collection;
    if (product.artifacts.update_image) {
        mcuboot::collect_update_image(*product.artifacts.update_image, collection.findings,
                                      collection.diagnostics);
    }
    return collection;
}

}  // namespace iotconform::evidence
