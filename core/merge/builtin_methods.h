#pragma once
// The methods MergeScope ships; registry.cpp lists them. Each lives in its own method_*.cpp.
#include "core/merge/dense_model.h"
#include "core/merge/merge_inputs.h"
#include "core/merge/merge_method.h"

namespace ms::merge {

// A static merge: closed-form weights, wrapped as a DenseModel.
class StaticMergeMethod : public MergeMethod {
public:
    std::unique_ptr<MergedModel> build(const MergeInputs& inputs, const nlohmann::json& params,
                                       const Callbacks& callbacks) const override;
    virtual model::TensorMap mergeWeights(const MergeInputs& inputs, const nlohmann::json& params,
                                   const Callbacks& callbacks) const = 0;
};

namespace builtin {
const MergeMethod& simpleAveraging();
const MergeMethod& taskArithmetic();
const MergeMethod& ties();
const MergeMethod& dare();
const MergeMethod& adaMerging();
const MergeMethod& wemoe();
const MergeMethod& eWemoe();
}  // namespace builtin

// Shared parameter definitions, so every method describes λ the same way.
ParamDef lambdaParam(const std::string& tooltip, double defaultValue = 0.3);
// Test-time adaptation settings (steps, lr, batch_size, schedule), shared by the adaptive methods
// so their forms look alike; core/adapt/ reads them with AdaptSettings::fromParams.
std::vector<ParamDef> adaptationParams(double defaultLearningRate);

}  // namespace ms::merge
