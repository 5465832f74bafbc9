#include "core/text/clip_tokenizer.h"

#include <climits>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace ms::text {

namespace {

constexpr const char* kStartToken = "<|startoftext|>";
constexpr const char* kEndToken = "<|endoftext|>";
constexpr const char* kEndOfWord = "</w>";
// CLIP uses the first 49152 - 256 - 2 merges of its list (the vocabulary is 256 bytes, 256 bytes
// ending a word, the merges and the two special tokens).
constexpr size_t kMaxMerges = 49152 - 256 - 2;

// OpenAI's pre-tokenisation pattern, matched case-insensitively.
constexpr const char* kWordPattern =
    R"(<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+)";

std::string toUtf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

// GPT-2's reversible byte → printable character table: every byte becomes one Unicode character
// (printable bytes stand for themselves), so BPE runs on text without control characters.
std::vector<std::string> byteEncoder() {
    std::vector<int> codes(256, -1);
    auto keep = [&](int from, int to) {
        for (int b = from; b <= to; ++b) codes[size_t(b)] = b;
    };
    keep('!', '~');
    keep(0xA1, 0xAC);
    keep(0xAE, 0xFF);
    int next = 256;
    for (int b = 0; b < 256; ++b)
        if (codes[size_t(b)] < 0) codes[size_t(b)] = next++;
    std::vector<std::string> table(256);
    for (int b = 0; b < 256; ++b) table[size_t(b)] = toUtf8(icu::UnicodeString(UChar32(codes[size_t(b)])));
    return table;
}

std::unique_ptr<icu::RegexPattern> compile(const char* pattern, uint32_t flags) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    std::unique_ptr<icu::RegexPattern> compiled(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), flags, parseError, status));
    if (U_FAILURE(status)) throw Error(std::string("ICU cannot compile the tokenizer pattern: ") + u_errorName(status));
    return compiled;
}


std::string pairKey(const std::string& a, const std::string& b) { return a + ' ' + b; }

}  // namespace

struct ClipTokenizer::Impl {
    std::string vocabSource, mergesSource;
    std::unordered_map<std::string, int> vocab;
    std::unordered_map<std::string, int> mergeRanks;  // "a b" → rank
    std::vector<std::string> bytes = byteEncoder();
    std::unique_ptr<icu::RegexPattern> words = compile(kWordPattern, UREGEX_CASE_INSENSITIVE);
    std::unique_ptr<icu::RegexPattern> whitespace = compile(R"(\s+)", 0);
    int start = -1, end = -1;

    mutable std::mutex cacheMutex;
    mutable std::unordered_map<std::string, std::vector<std::string>> cache;

    std::vector<std::string> splitWords(const std::string& cleaned) const {
        UErrorCode status = U_ZERO_ERROR;
        const icu::UnicodeString input = icu::UnicodeString::fromUTF8(cleaned);
        std::unique_ptr<icu::RegexMatcher> matcher(words->matcher(input, status));
        std::vector<std::string> out;
        while (U_SUCCESS(status) && matcher->find(status)) out.push_back(toUtf8(matcher->group(status)));
        if (U_FAILURE(status)) throw Error(std::string("ICU failed to split text into words: ") + u_errorName(status));
        return out;
    }

    // The BPE pieces of one pre-tokenised word.
    std::vector<std::string> bpe(const std::string& word) const {
        if (word == kStartToken || word == kEndToken) return {word};
        {
            std::lock_guard<std::mutex> lock(cacheMutex);
            if (auto it = cache.find(word); it != cache.end()) return it->second;
        }
        std::vector<std::string> symbols;
        for (unsigned char byte : word) symbols.push_back(bytes[byte]);
        symbols.back() += kEndOfWord;
        while (symbols.size() > 1) {
            int bestRank = INT_MAX;
            std::string first, second;
            for (size_t i = 0; i + 1 < symbols.size(); ++i) {
                auto it = mergeRanks.find(pairKey(symbols[i], symbols[i + 1]));
                if (it != mergeRanks.end() && it->second < bestRank) {
                    bestRank = it->second;
                    first = symbols[i];
                    second = symbols[i + 1];
                }
            }
            if (bestRank == INT_MAX) break;
            std::vector<std::string> merged;
            for (size_t i = 0; i < symbols.size(); ++i) {
                if (i + 1 < symbols.size() && symbols[i] == first && symbols[i + 1] == second) {
                    merged.push_back(first + second);
                    ++i;
                } else {
                    merged.push_back(symbols[i]);
                }
            }
            symbols = std::move(merged);
        }
        std::lock_guard<std::mutex> lock(cacheMutex);
        cache.emplace(word, symbols);
        return symbols;
    }

    std::vector<std::string> pieces(const std::string& text) const {
        std::vector<std::string> out;
        for (const auto& word : splitWords(cleanText(text)))
            for (auto& piece : bpe(word)) out.push_back(std::move(piece));
        return out;
    }

    std::string cleanText(const std::string& text) const {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
        icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
        if (U_SUCCESS(status)) unicode = nfc->normalize(unicode, status);
        std::unique_ptr<icu::RegexMatcher> matcher(whitespace->matcher(unicode, status));
        if (U_SUCCESS(status)) unicode = matcher->replaceAll(icu::UnicodeString(u" "), status);
        if (U_FAILURE(status)) throw Error(std::string("ICU failed to clean text: ") + u_errorName(status));
        unicode.trim();
        unicode.toLower(icu::Locale::getRoot());
        return toUtf8(unicode);
    }
};

ClipTokenizer::ClipTokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ClipTokenizer::ClipTokenizer(ClipTokenizer&&) noexcept = default;
ClipTokenizer& ClipTokenizer::operator=(ClipTokenizer&&) noexcept = default;
ClipTokenizer::~ClipTokenizer() = default;

ClipTokenizer ClipTokenizer::fromFolder(const std::string& folder) {
    return fromFiles(folder + "/vocab.json", folder + "/merges.txt");
}

ClipTokenizer ClipTokenizer::fromFiles(const std::string& vocabJsonPath, const std::string& mergesPath) {
    const std::string vocab = readWholeFile(vocabJsonPath);  // read in order: the first missing file is named
    return fromContents(vocab, readWholeFile(mergesPath), vocabJsonPath, mergesPath);
}

ClipTokenizer ClipTokenizer::fromContents(const std::string& vocabJson, const std::string& merges,
                                          const std::string& vocabSource, const std::string& mergesSource) {
    auto impl = std::make_unique<Impl>();
    impl->vocabSource = vocabSource;
    impl->mergesSource = mergesSource;

    nlohmann::json vocab;
    try {
        vocab = nlohmann::json::parse(vocabJson);
    } catch (const nlohmann::json::exception& e) {
        throw Error(vocabSource, std::string("not valid JSON: ") + e.what());
    }
    if (!vocab.is_object() || vocab.empty())
        throw Error(vocabSource, "must be a JSON object mapping each token to its id");
    for (const auto& [token, id] : vocab.items()) {
        if (!id.is_number_integer() || id.get<int64_t>() < 0 || id.get<int64_t>() > INT_MAX)
            throw Error(vocabSource, "token '" + token + "' has id " + id.dump() + "; ids are non-negative integers");
        impl->vocab.emplace(token, id.get<int>());
    }
    for (const char* special : {kStartToken, kEndToken})
        if (!impl->vocab.count(special))
            throw Error(vocabSource, std::string("has no '") + special + "' token: not a CLIP vocabulary");
    impl->start = impl->vocab.at(kStartToken);
    impl->end = impl->vocab.at(kEndToken);

    std::istringstream lines(merges);
    std::string line;
    int lineNumber = 0;
    while (std::getline(lines, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || (lineNumber == 1 && line[0] == '#')) continue;  // "#version: 0.2"
        const size_t space = line.find(' ');
        if (space == std::string::npos || space == 0 || space + 1 == line.size() ||
            line.find(' ', space + 1) != std::string::npos)
            throw Error(mergesSource, "line " + std::to_string(lineNumber) + " is '" + line +
                                          "'; each line must be two symbols separated by one space");
        if (impl->mergeRanks.size() >= kMaxMerges) break;
        impl->mergeRanks.emplace(line, int(impl->mergeRanks.size()));  // the first listing wins
    }
    return ClipTokenizer(std::move(impl));
}

std::vector<std::string> ClipTokenizer::pieces(const std::string& text) const { return impl_->pieces(text); }

std::vector<int> ClipTokenizer::encode(const std::string& text, int contextLength) const {
    if (contextLength < 2) throw Error("a context of " + std::to_string(contextLength) + " tokens cannot hold the start and end tokens");
    std::vector<int> ids{impl_->start};
    for (const auto& piece : impl_->pieces(text)) {
        auto it = impl_->vocab.find(piece);
        if (it == impl_->vocab.end())
            throw Error(impl_->vocabSource, "has no token '" + piece + "' (needed for \"" + text +
                                                "\"): the vocabulary does not belong with the merges in " +
                                                impl_->mergesSource);
        ids.push_back(it->second);
    }
    if (int(ids.size()) > contextLength - 1) ids.resize(size_t(contextLength - 1));
    ids.push_back(impl_->end);
    return ids;
}

int ClipTokenizer::startToken() const { return impl_->start; }
int ClipTokenizer::endToken() const { return impl_->end; }
int ClipTokenizer::vocabularySize() const { return int(impl_->vocab.size()); }
const std::string& ClipTokenizer::source() const { return impl_->vocabSource; }

std::string ClipTokenizer::cleanText(const std::string& text) {
    static const Impl cleaner;  // the patterns only
    return cleaner.cleanText(text);
}

}  // namespace ms::text
