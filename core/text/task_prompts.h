#pragma once
// What a zero-shot head is made of: the class names of a task and the prompt templates they are
// put into ("a photo of a {}."). The eight datasets of the merging papers (SUN397, Cars, RESISC45,
// EuroSAT, SVHN, GTSRB, MNIST, DTD) ship with their class names in label order and their CLIP
// templates (resources/zero_shot/, compiled in); users bring their own as text files.
// Torch-free.
#include <string>
#include <vector>

namespace ms::text {

struct PromptSet {
    std::vector<std::string> classNames;  // in label order
    std::vector<std::string> templates;   // each holds "{}" once
};

struct BuiltinTask {
    std::string id;           // "sun397", "cars", …
    std::string displayName;  // "SUN397", "Stanford Cars", …
    std::vector<std::string> aliases;  // other names in use, e.g. "stanford_cars"
    PromptSet prompts;
};

// The eight, in the order the papers' tables list them.
const std::vector<BuiltinTask>& builtinTasks();
// By id or alias, ignoring case and every character that is not a letter or digit
// ("Stanford-Cars", "stanford_cars" and "cars" all find Cars); nullptr when none matches.
const BuiltinTask* findBuiltinTask(const std::string& name);

// The template of tasks that bring no templates of their own (CLIP's default prompt).
std::vector<std::string> defaultTemplates();

// "a photo of a {}." + "dog" → "a photo of a dog.".
std::string fillTemplate(const std::string& promptTemplate, const std::string& className);

// Text files, one entry per line (UTF-8; blank lines and surrounding spaces ignored). Class
// names must be unique; each template must hold "{}" exactly once. Errors name the file and line.
std::vector<std::string> readClassNames(const std::string& path);
std::vector<std::string> readTemplates(const std::string& path);
// The same checks on entries from elsewhere; `where` names their source.
void checkTemplates(const std::vector<std::string>& templates, const std::string& where);

// The class names of a test folder whose sub-folders are the classes (sorted, so index = label),
// for building its head:
// - a built-in task whose folders are the label numbers 0…C-1 (MNIST, SVHN exports) takes its
//   shipped names by number;
// - a built-in task whose folders spell its shipped names (ignoring case, '_' and '-') takes the
//   shipped spelling, in the folders' order;
// - otherwise the folder names are the class names, with '_' read as a space; a built-in task must
//   then still have as many folders as it has classes.
// `how` (optional) says which rule applied, for the user. Errors name `where`.
std::vector<std::string> classNamesForFolders(const std::vector<std::string>& folderNames, const BuiltinTask* builtin,
                                              const std::string& where, std::string* how = nullptr);

}  // namespace ms::text
