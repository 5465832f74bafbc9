#pragma once
// CLIP's tokenizer (Radford et al. 2021; Hugging Face's CLIPTokenizer): byte-level BPE over
// lower-cased, whitespace-cleaned text, with `</w>` marking the end of each word, between the
// <|startoftext|> and <|endoftext|> tokens, at most `contextLength` tokens in all. It reads the
// vocab.json and merges.txt that ship with every CLIP checkpoint. Torch-free; ICU supplies the
// Unicode parts (NFC, lower-casing, the letter/number classes of the pre-tokenisation pattern).
//
// Differences from the reference, stated: ftfy's mojibake repair and the HTML unescaping of
// OpenAI's basic_clean are not applied (NFC normalisation, which ftfy also does, is); class names
// and prompt templates never need them.
#include <memory>
#include <string>
#include <vector>

namespace ms::text {

class ClipTokenizer {
public:
    // A folder holding vocab.json and merges.txt (an HF CLIP checkpoint folder).
    static ClipTokenizer fromFolder(const std::string& folder);
    static ClipTokenizer fromFiles(const std::string& vocabJsonPath, const std::string& mergesPath);
    // The two files' contents; `vocabSource` and `mergesSource` name them in error messages.
    static ClipTokenizer fromContents(const std::string& vocabJson, const std::string& merges,
                                      const std::string& vocabSource, const std::string& mergesSource);

    // <|startoftext|> tokens… <|endoftext|>; longer texts are cut so that the end token is the
    // last of `contextLength` (as CLIP's tokenize(truncate=True) and HF's truncation do).
    std::vector<int> encode(const std::string& text, int contextLength = 77) const;
    // The BPE pieces of the text, without the start and end tokens (for inspection and tests).
    std::vector<std::string> pieces(const std::string& text) const;

    int startToken() const;
    int endToken() const;
    int vocabularySize() const;
    const std::string& source() const;  // the vocab file, for messages

    // NFC, whitespace runs → one space, trimmed, lower-cased: what is split into words.
    static std::string cleanText(const std::string& text);

    ClipTokenizer(ClipTokenizer&&) noexcept;
    ClipTokenizer& operator=(ClipTokenizer&&) noexcept;
    ~ClipTokenizer();

private:
    struct Impl;
    explicit ClipTokenizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace ms::text
