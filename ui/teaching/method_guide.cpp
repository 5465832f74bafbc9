#include "ui/teaching/method_guide.h"

#include <algorithm>

#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/teaching/method_page.h"

namespace ms::ui {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kConceptsRole = Qt::UserRole + 1;
constexpr double kDefaultTextSize = 11.0;

QListWidgetItem* sectionItem(const QString& title) {
    auto* item = new QListWidgetItem(title.toUpper());
    item->setFlags(Qt::NoItemFlags);  // a heading: neither selectable nor focusable
    QFont font = item->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.85);
    item->setFont(font);
    item->setForeground(QColor(110, 116, 128));
    return item;
}

}  // namespace

MethodGuide::MethodGuide(QWidget* parent) : QWidget(parent) {
    list_ = new QListWidget;
    list_->setObjectName(QStringLiteral("methodList"));
    list_->setFixedWidth(230);
    list_->setSpacing(2);
    QFont listFont = list_->font();
    listFont.setPointSizeF(listFont.pointSizeF() * 1.15);  // readable from the back of a room
    list_->setFont(listFont);
    connect(list_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) { showItem(item); });

    page_ = new QTextBrowser;
    page_->setObjectName(QStringLiteral("methodPage"));
    page_->setOpenExternalLinks(true);  // the paper links open in the browser
    page_->document()->setDocumentMargin(18);

    tryButton_ = new QPushButton(tr("Try it in the merge panel"));
    tryButton_->setObjectName(QStringLiteral("tryMethodButton"));
    tryButton_->setToolTip(tr("Open the merge panel with this method selected"));
    tryButton_->setStyleSheet(QStringLiteral(
        "QPushButton { background: #1f3a5f; color: white; font-weight: bold; padding: 6px 16px; border-radius: 4px; }"
        "QPushButton:hover { background: #2c5282; }"));
    connect(tryButton_, &QPushButton::clicked, this, [this] {
        if (!currentId_.isEmpty()) Q_EMIT tryMethodRequested(currentId_);
    });

    // Text size for the back row of a lecture hall: buttons and the usual zoom shortcuts.
    auto* smaller = new QToolButton;
    smaller->setText(QStringLiteral("A−"));
    smaller->setToolTip(tr("Smaller text (Ctrl+−)"));
    auto* larger = new QToolButton;
    larger->setText(QStringLiteral("A+"));
    larger->setToolTip(tr("Larger text (Ctrl++)"));
    connect(smaller, &QToolButton::clicked, this, [this] { setTextSize(textSize() - 1.0); });
    connect(larger, &QToolButton::clicked, this, [this] { setTextSize(textSize() + 1.0); });
    for (const auto& key : {QKeySequence(QKeySequence::ZoomIn), QKeySequence(Qt::CTRL | Qt::Key_Equal)})
        connect(new QShortcut(key, this), &QShortcut::activated, this, [this] { setTextSize(textSize() + 1.0); });
    connect(new QShortcut(QKeySequence::ZoomOut, this), &QShortcut::activated, this,
            [this] { setTextSize(textSize() - 1.0); });

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Text size")));
    bar->addWidget(smaller);
    bar->addWidget(larger);
    bar->addStretch();
    bar->addWidget(tryButton_);

    auto* right = new QVBoxLayout;
    right->setContentsMargins(0, 0, 0, 0);
    right->addWidget(page_, 1);
    right->addLayout(bar);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(list_);
    layout->addLayout(right, 1);

    setTextSize(kDefaultTextSize);
    rebuildList();
}

void MethodGuide::setMethods(std::vector<merge::MethodInfo> methods) {
    methods_ = std::move(methods);
    const QString previous = onConcepts_ ? QString() : currentId_;
    rebuildList();
    if (previous.isEmpty() || !selectMethod(previous)) showConcepts();
}

QStringList MethodGuide::methodIds() const {
    QStringList ids;
    for (const auto& m : methods_) ids << QString::fromStdString(m.id);
    return ids;
}

bool MethodGuide::selectMethod(const QString& methodId) {
    for (int row = 0; row < list_->count(); ++row) {
        QListWidgetItem* item = list_->item(row);
        if (!item->data(kConceptsRole).toBool() && item->data(kIdRole).toString() == methodId &&
            !methodId.isEmpty()) {
            list_->setCurrentItem(item);
            showItem(item);  // also when it was current already: the page may be stale
            return true;
        }
    }
    return false;
}

void MethodGuide::showConcepts() {
    for (int row = 0; row < list_->count(); ++row)
        if (list_->item(row)->data(kConceptsRole).toBool()) {
            list_->setCurrentRow(row);
            showItem(list_->item(row));
            return;
        }
}

QString MethodGuide::currentMethodId() const { return onConcepts_ ? QString() : currentId_; }

void MethodGuide::setTextSize(double points) {
    QFont font = page_->font();
    font.setPointSizeF(std::clamp(points, 8.0, 28.0));
    page_->setFont(font);
    page_->document()->setDefaultFont(font);
}

double MethodGuide::textSize() const { return page_->font().pointSizeF(); }

void MethodGuide::rebuildList() {
    const QSignalBlocker blocker(list_);  // the caller decides which page to show afterwards
    list_->clear();
    list_->addItem(sectionItem(tr("Start here")));
    auto* concepts = new QListWidgetItem(tr("Concepts"));
    concepts->setData(kConceptsRole, true);
    concepts->setToolTip(tr("Task vectors, interference, test-time adaptation"));
    list_->addItem(concepts);

    for (const auto kind : {merge::MethodKind::Static, merge::MethodKind::Adaptive}) {
        const bool any = std::any_of(methods_.begin(), methods_.end(), [kind](const auto& m) { return m.kind == kind; });
        if (!any) continue;
        list_->addItem(sectionItem(kind == merge::MethodKind::Static ? tr("Static merges") : tr("Adaptive merges")));
        for (const auto& m : methods_) {
            if (m.kind != kind) continue;
            auto* item = new QListWidgetItem(QString::fromStdString(m.name));
            item->setData(kIdRole, QString::fromStdString(m.id));
            item->setToolTip(QString::fromStdString(m.paper));
            list_->addItem(item);
        }
    }
    currentId_.clear();
    onConcepts_ = false;
}

void MethodGuide::showItem(QListWidgetItem* item) {
    if (!item || !(item->flags() & Qt::ItemIsSelectable)) return;
    onConcepts_ = item->data(kConceptsRole).toBool();
    currentId_ = onConcepts_ ? QString() : item->data(kIdRole).toString();
    const merge::MethodInfo* method = onConcepts_ ? nullptr : findMethod(currentId_);
    page_->setHtml(method ? methodPageHtml(*method) : conceptsPageHtml());
    tryButton_->setVisible(method != nullptr);
    if (method)
        tryButton_->setText(tr("Try %1 in the merge panel").arg(QString::fromStdString(method->name)));
}

const merge::MethodInfo* MethodGuide::findMethod(const QString& id) const {
    for (const auto& m : methods_)
        if (QString::fromStdString(m.id) == id) return &m;
    return nullptr;
}

}  // namespace ms::ui
