#pragma once
// A task's frozen classification head (ALGORITHM.md §1): L2-normalised class embeddings H [C, proj]
// and a logit scale s; logits = s · normalize(features) · Hᵀ. On disk: safetensors with
// `class_embeddings` [C, proj] and `logit_scale` (a scalar holding log s, as CLIP stores it),
// class names in the metadata as a JSON list.
#include <map>
#include <string>
#include <vector>

#include <torch/types.h>

namespace ms::model {

struct ClassificationHead {
    torch::Tensor classEmbeddings;  // [C, proj], rows L2-normalised, float32
    double logitScale = 100.0;      // s itself, not its log
    std::vector<std::string> classNames;

    int64_t numClasses() const { return classEmbeddings.size(0); }
    int64_t embeddingDim() const { return classEmbeddings.size(1); }

    // Normalises the rows; `classNames` may be empty (then "0", "1", … are used).
    static ClassificationHead fromEmbeddings(torch::Tensor embeddings, double logitScale,
                                             std::vector<std::string> classNames);
    torch::Tensor logits(const torch::Tensor& features) const;
    ClassificationHead to(const torch::Device& device) const;
};

ClassificationHead loadHead(const std::string& path);
// `extraMetadata` records where the head came from (e.g. the prompt templates of a zero-shot head).
void saveHead(const std::string& path, const ClassificationHead& head, const std::string& taskName = "",
              const std::map<std::string, std::string>& extraMetadata = {});

}  // namespace ms::model
