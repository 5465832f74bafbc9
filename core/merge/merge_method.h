#pragma once
// One interface for every merge method and the registry that lists them (STYLE.md: one method
// per file, parameter definitions drive the UI). Torch-free, so the GUI can list methods and
// build forms without including LibTorch.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/merge/method_info.h"
#include "core/run/progress.h"

namespace ms::merge {

struct MergeInputs;
class MergedModel;

class MergeMethod {
public:
    virtual ~MergeMethod() = default;
    virtual const MethodInfo& info() const = 0;
    // Builds the merged model from the inputs and resolved parameters (info().resolve()).
    // Adaptive methods return their initial state, ready for core/adapt/.
    virtual std::unique_ptr<MergedModel> build(const MergeInputs& inputs, const nlohmann::json& params,
                                               const Callbacks& callbacks) const = 0;
};

// Every method, in the order tables and menus show them (the paper's order).
const std::vector<const MergeMethod*>& allMethods();
// Throws ms::Error listing the known ids.
const MergeMethod& findMethod(const std::string& id);

}  // namespace ms::merge
