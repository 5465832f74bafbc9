#pragma once
// Helpers shared by the tests: raw file I/O for corrupting files on purpose.
#include <cstdint>
#include <string>
#include <vector>

namespace ms::test {

std::vector<uint8_t> readBytes(const std::string& path);
void writeBytes(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace ms::test
