#pragma once
// What a merge method is, in plain data: its name, paper, formula and the parameters it takes.
// Torch-free on purpose: the GUI builds a method's form from these definitions alone, so a new
// method needs no UI code (DESIGN.md).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ms::merge {

enum class ParamType { Real, Integer, Choice, Boolean };

struct ParamDef {
    std::string id;       // key in a recipe's "parameters" object, e.g. "lambda"
    std::string label;    // form label, e.g. "Scaling λ"
    ParamType type = ParamType::Real;
    double defaultValue = 0.0;          // Real, Integer, Boolean (0/1)
    double minimum = 0.0, maximum = 0.0;  // Real, Integer
    std::vector<std::string> choices;   // Choice; the first is the default
    std::string tooltip;  // what it does, the formula, and the paper it comes from
    bool logScale = false;  // Real: spans orders of magnitude (learning rates)

    nlohmann::json defaultJson() const;
};

enum class MethodKind {
    Static,    // a closed-form merge: one set of weights
    Adaptive,  // learned at test time by entropy minimisation (ALGORITHM.md §4)
};

struct MethodInfo {
    std::string id;        // "ties"
    std::string name;      // "TIES-merging"
    MethodKind kind = MethodKind::Static;
    std::string paper;     // "Yadav et al., NeurIPS 2023"
    std::string paperUrl;  // https://arxiv.org/abs/…
    std::string formula;   // plain-text formula, e.g. "θ = θ0 + λ Σt τt"
    std::string summary;   // two or three sentences for the teaching panel
    std::vector<ParamDef> parameters;

    const ParamDef* findParameter(const std::string& id) const;
    // Every parameter at its default.
    nlohmann::json defaults() const;
    // `given` (an object, possibly partial) completed with defaults and checked: unknown keys,
    // wrong types and values out of range throw ms::Error naming the parameter and the range.
    nlohmann::json resolve(const nlohmann::json& given) const;
};

// Reads a resolved parameter.
double realParam(const nlohmann::json& params, const std::string& id);
int64_t intParam(const nlohmann::json& params, const std::string& id);
bool boolParam(const nlohmann::json& params, const std::string& id);
std::string choiceParam(const nlohmann::json& params, const std::string& id);

// Parses "lambda=0.4,k=20" (CLI) into a JSON object; numbers become numbers, true/false booleans.
nlohmann::json parseParamList(const std::string& text);

}  // namespace ms::merge
