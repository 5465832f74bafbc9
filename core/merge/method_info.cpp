#include "core/merge/method_info.h"

#include <cmath>
#include <sstream>

#include "core/util/error.h"

namespace ms::merge {

namespace {

std::string describeRange(const ParamDef& p) {
    std::ostringstream out;
    out << "[" << p.minimum << ", " << p.maximum << "]";
    return out.str();
}

nlohmann::json checked(const std::string& method, const ParamDef& p, const nlohmann::json& value) {
    const std::string where = method + ": parameter '" + p.id + "' ";
    switch (p.type) {
        case ParamType::Boolean:
            if (value.is_boolean()) return value;
            if (value.is_number() && (value.get<double>() == 0.0 || value.get<double>() == 1.0))
                return value.get<double>() != 0.0;
            throw Error(where + "must be true or false");
        case ParamType::Choice: {
            if (!value.is_string()) throw Error(where + "must be one of its choices");
            const auto s = value.get<std::string>();
            for (const auto& c : p.choices)
                if (c == s) return s;
            std::string list;
            for (const auto& c : p.choices) list += (list.empty() ? "" : ", ") + c;
            throw Error(where + "is '" + s + "'; choose one of: " + list);
        }
        case ParamType::Integer:
        case ParamType::Real: {
            if (!value.is_number()) throw Error(where + "must be a number");
            const double v = value.get<double>();
            if (!std::isfinite(v) || v < p.minimum || v > p.maximum)
                throw Error(where + "is " + value.dump() + ", outside " + describeRange(p));
            if (p.type == ParamType::Integer) {
                if (v != std::floor(v)) throw Error(where + "must be a whole number");
                return int64_t(v);
            }
            return v;
        }
    }
    return value;
}

}  // namespace

nlohmann::json ParamDef::defaultJson() const {
    switch (type) {
        case ParamType::Boolean: return defaultValue != 0.0;
        case ParamType::Choice: return choices.empty() ? std::string() : choices.front();
        case ParamType::Integer: return int64_t(defaultValue);
        case ParamType::Real: return defaultValue;
    }
    return nullptr;
}

const ParamDef* MethodInfo::findParameter(const std::string& pid) const {
    for (const auto& p : parameters)
        if (p.id == pid) return &p;
    return nullptr;
}

nlohmann::json MethodInfo::defaults() const {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& p : parameters) out[p.id] = p.defaultJson();
    return out;
}

nlohmann::json MethodInfo::resolve(const nlohmann::json& given) const {
    if (!given.is_null() && !given.is_object()) throw Error(name + ": parameters must be a JSON object");
    nlohmann::json out = defaults();
    if (given.is_null()) return out;
    for (const auto& [key, value] : given.items()) {
        const auto* p = findParameter(key);
        if (!p) {
            std::string list;
            for (const auto& q : parameters) list += (list.empty() ? "" : ", ") + q.id;
            throw Error(name + " has no parameter '" + key + "'" +
                        (list.empty() ? " (it takes none)" : "; its parameters are: " + list));
        }
        out[key] = checked(name, *p, value);
    }
    return out;
}

double realParam(const nlohmann::json& params, const std::string& id) { return params.at(id).get<double>(); }
int64_t intParam(const nlohmann::json& params, const std::string& id) { return params.at(id).get<int64_t>(); }
bool boolParam(const nlohmann::json& params, const std::string& id) { return params.at(id).get<bool>(); }
std::string choiceParam(const nlohmann::json& params, const std::string& id) {
    return params.at(id).get<std::string>();
}

nlohmann::json parseParamList(const std::string& text) {
    nlohmann::json out = nlohmann::json::object();
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        if (item.empty()) continue;
        const auto eq = item.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Error("parameter '" + item + "' is not of the form name=value");
        const std::string key = item.substr(0, eq), value = item.substr(eq + 1);
        if (value == "true" || value == "false") {
            out[key] = value == "true";
            continue;
        }
        char* end = nullptr;
        const double number = std::strtod(value.c_str(), &end);
        if (!value.empty() && end && *end == '\0')
            out[key] = number;
        else
            out[key] = value;
    }
    return out;
}

}  // namespace ms::merge
