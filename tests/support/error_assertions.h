#pragma once
// Assertions for the bad-input tests: the error is an ms::Error, its message starts with the
// offending file's path and names the problem. Include after <QtTest>.
#include <functional>
#include <string>

#include "core/util/error.h"

namespace ms::test {

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// What `action` throws; a marker when it throws nothing or something other than ms::Error.
inline std::string errorOf(const std::function<void()>& action) {
    try {
        action();
        return "<no error>";
    } catch (const ms::Error& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("<not an ms::Error> ") + e.what();
    }
}

}  // namespace ms::test

#define VERIFY_ERROR(action, prefix, phrase)                                                            \
    do {                                                                                                \
        const std::string m_ = ms::test::errorOf([&] { action; });                                      \
        QVERIFY2(m_.rfind(std::string(prefix) + ": ", 0) == 0,                                          \
                 (m_ + "\n   expected to start with: " + std::string(prefix)).c_str());                 \
        QVERIFY2(ms::test::contains(m_, phrase), (m_ + "\n   expected: " + std::string(phrase)).c_str()); \
    } while (false)
