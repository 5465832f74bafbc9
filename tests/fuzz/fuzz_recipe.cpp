// Recipe files (core/run/recipe): recipe.json beside every result, read by --recipe and --resume.
#include "core/run/recipe.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = ms::fuzz::writeInput("recipe.json", data, size);
    ms::fuzz::parsesOrRefuses(path, [&] {
        const auto recipe = ms::run::Recipe::load(path);
        // What was accepted writes back and reads again to the same recipe.
        const auto again = ms::run::Recipe::fromJson(recipe.toJson(), path);
        if (again.toJson() != recipe.toJson()) ms::fuzz::fail("a recipe does not survive toJson → fromJson");
    });
    return 0;
}
