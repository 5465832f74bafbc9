#include "core/model/classification_head.h"

#include <cmath>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/model/tensor_io.h"
#include "core/util/error.h"

namespace ms::model {

ClassificationHead ClassificationHead::fromEmbeddings(torch::Tensor embeddings, double logitScale,
                                                      std::vector<std::string> classNames) {
    if (embeddings.dim() != 2 || embeddings.size(0) == 0)
        throw Error("class embeddings must be a non-empty [classes, dim] matrix");
    if (!classNames.empty() && int64_t(classNames.size()) != embeddings.size(0))
        throw Error("the head has " + std::to_string(embeddings.size(0)) + " class embeddings but " +
                    std::to_string(classNames.size()) + " class names");
    if (classNames.empty())
        for (int64_t c = 0; c < embeddings.size(0); ++c) classNames.push_back(std::to_string(c));
    ClassificationHead head;
    head.classEmbeddings = torch::nn::functional::normalize(
        embeddings.detach().to(torch::kFloat32), torch::nn::functional::NormalizeFuncOptions().dim(1));
    head.logitScale = logitScale;
    head.classNames = std::move(classNames);
    return head;
}

torch::Tensor ClassificationHead::logits(const torch::Tensor& features) const {
    const auto normalised =
        torch::nn::functional::normalize(features, torch::nn::functional::NormalizeFuncOptions().dim(-1));
    return logitScale * torch::matmul(normalised, classEmbeddings.t());
}

ClassificationHead ClassificationHead::to(const torch::Device& device) const {
    ClassificationHead copy = *this;
    copy.classEmbeddings = classEmbeddings.to(device);
    return copy;
}

ClassificationHead loadHead(const std::string& path) {
    std::map<std::string, std::string> metadata;
    const auto tensors = readAllTensors(path, &metadata);
    auto embeddings = tensors.find("class_embeddings");
    if (embeddings == tensors.end()) throw Error(path, "missing tensor 'class_embeddings' (is this a head file?)");
    if (embeddings->second.dim() != 2 || embeddings->second.size(0) == 0)
        throw Error(path, "'class_embeddings' must be a non-empty [classes, dim] matrix");
    const auto embeddingsF32 = embeddings->second.to(torch::kFloat32);
    if (const auto problem = describeNonFinite(embeddingsF32); !problem.empty())
        throw Error(path, "'class_embeddings' " + problem);

    double scale = 100.0;
    if (auto it = tensors.find("logit_scale"); it != tensors.end()) {
        if (it->second.numel() != 1) throw Error(path, "'logit_scale' must hold one value");
        scale = std::exp(it->second.to(torch::kFloat64).item<double>());
        if (!std::isfinite(scale) || scale <= 0) throw Error(path, "'logit_scale' is not a finite number");
    }
    std::vector<std::string> names;
    if (auto it = metadata.find("class_names"); it != metadata.end()) {
        try {
            names = nlohmann::json::parse(it->second).get<std::vector<std::string>>();
        } catch (const nlohmann::json::exception& e) {
            throw Error(path, std::string("metadata 'class_names' is not a JSON list of strings: ") + e.what());
        }
    }
    try {
        return ClassificationHead::fromEmbeddings(embeddingsF32, scale, std::move(names));
    } catch (const Error& e) {
        throw Error(path, e.what());
    }
}

void saveHead(const std::string& path, const ClassificationHead& head, const std::string& taskName,
              const std::map<std::string, std::string>& extraMetadata) {
    std::map<std::string, std::string> metadata = extraMetadata;
    metadata["class_names"] = nlohmann::json(head.classNames).dump();
    metadata["format"] = "mergescope-head-1";
    if (!taskName.empty()) metadata["task"] = taskName;
    writeTensors(path,
                 {{"class_embeddings", head.classEmbeddings},
                  {"logit_scale", torch::tensor(float(std::log(head.logitScale)))}},
                 metadata);
}

}  // namespace ms::model
