#include "ui/main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>

#include "core/merge/merge_method.h"
#include "core/pool/pool_manifest.h"
#include "core/util/error.h"
#include "ui/lab/job_runner.h"
#include "ui/lab/lab.h"
#include "ui/lab_controller.h"
#include "ui/merge/loss_plot.h"
#include "ui/merge/merge_panel.h"
#include "ui/new_pool_dialog.h"
#include "ui/pool_panel.h"
#include "ui/results/accuracy_panel.h"
#include "ui/results/accuracy_table_model.h"
#include "ui/routing/routing_inspector.h"
#include "ui/pool_table_model.h"

namespace ms::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), controller_(new LabController(this)), poolModel_(new PoolTableModel(this)) {
    setWindowTitle(tr("MergeScope"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/mergescope.svg")));
    setObjectName(QStringLiteral("MainWindow"));
    resize(1400, 900);

    tabs_ = new QTabWidget;
    tabs_->setDocumentMode(true);
    poolPanel_ = new PoolPanel(poolModel_);
    mergePanel_ = new MergePanel;
    std::vector<merge::MethodInfo> methods;
    for (const auto* m : merge::allMethods()) methods.push_back(m->info());
    mergePanel_->setMethods(methods);
    mergePanel_->setCudaAvailable(Lab::cudaAvailable());
    tabs_->addTab(poolPanel_, tr("&Pool"));
    tabs_->addTab(mergePanel_, tr("&Merge && adapt"));
    buildViews();
    setCentralWidget(tabs_);

    buildMenus();
    buildStatusBar();
    connectController();
    connectViews();
    statusBar()->showMessage(tr("No pool loaded"));
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open pool…"), QKeySequence::Open, this, &MainWindow::chooseAndOpenPool);
    file->addAction(tr("Open the &demo zoo"), this, &MainWindow::openDemoZoo);
    file->addAction(tr("&New pool from checkpoints…"), this, [this] {
        NewPoolDialog dialog(this);
        if (dialog.exec() == QDialog::Accepted) openPool(dialog.manifestPath());
    });
    file->addSeparator();
    file->addAction(tr("Open &session…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, qOverload<>(&MainWindow::openSession));
    file->addAction(tr("&Save session as…"), QKeySequence::Save, this, &MainWindow::saveSessionAs);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);

    auto* view = menuBar()->addMenu(tr("&View"));
    const QStringList names{tr("Pool"), tr("Merge && adapt"), tr("Routing"), tr("Accuracy"), tr("Interference"), tr("Learn")};
    for (int i = 0; i < names.size(); ++i)
        view->addAction(names[i], QKeySequence(Qt::ALT | (Qt::Key_1 + i)), this, [this, i] { showTab(Tab(i)); });

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Guided &tour"), this, &MainWindow::startTour);
    help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    help->addAction(tr("&About MergeScope"), this, &MainWindow::showAbout);
}

void MainWindow::buildStatusBar() {
    jobLabel_ = new QLabel;
    jobProgress_ = new QProgressBar;
    jobProgress_->setMaximumWidth(180);
    jobProgress_->setMaximumHeight(16);
    jobProgress_->setTextVisible(false);
    jobCancel_ = new QToolButton;
    jobCancel_->setText(tr("Cancel"));
    jobCancel_->setToolTip(tr("Cancel the running job (Esc in Merge & adapt)"));
    connect(jobCancel_, &QToolButton::clicked, controller_, &LabController::cancel);
    statusBar()->addPermanentWidget(jobLabel_);
    statusBar()->addPermanentWidget(jobProgress_);
    statusBar()->addPermanentWidget(jobCancel_);
    jobProgress_->hide();
    jobCancel_->hide();
}

void MainWindow::connectController() {
    auto* c = controller_;
    connect(poolModel_, &PoolTableModel::selectionForMergeChanged, this,
            [this] { controller_->setChosenTasks(poolModel_->checkedTasks()); });
    connect(c, &LabController::chosenTasksChanged, mergePanel_, &MergePanel::setChosenTasks);
    connect(c, &LabController::busyChanged, this, [this](bool busy) {
        mergePanel_->setBusy(busy);
        jobProgress_->setVisible(busy);
        jobCancel_->setVisible(busy);
        if (!busy) jobLabel_->clear();
    });
    connect(c, &LabController::jobStarted, this, [this](const QString& title) {
        jobLabel_->setText(title);
        jobProgress_->setRange(0, 0);
    });
    connect(c, &LabController::progress, this,
            [this](qint64 done, qint64 total, const QString& stage, double eta) {
                mergePanel_->showProgress(done, total, stage, eta);
                if (total > 0) {
                    jobProgress_->setRange(0, 1000);
                    jobProgress_->setValue(int(1000.0 * double(done) / double(total)));
                }
                jobLabel_->setText(stage);
            });
    connect(c, &LabController::message, this, [this](const QString& text, bool error) {
        statusBar()->showMessage(text, error ? 0 : 10000);
        mergePanel_->showMessage(text, error);
    });
    connect(c, &LabController::adaptationStarted, mergePanel_->lossPlot(), &LossPlot::start);
    connect(c, &LabController::lossPoint, mergePanel_->lossPlot(), &LossPlot::append);
    connect(c, &LabController::checkpointFactsReady, this, [this](const QVector<Lab::CheckpointFacts>& facts) {
        QMap<QString, PoolTableModel::Facts> byTask;
        QString pretrained;
        for (const auto& f : facts) {
            if (f.task.isEmpty())
                pretrained = tr("Pretrained checkpoint: %1 · %2 · %3 parameters · SHA-256 %4")
                                 .arg(QLocale().formattedDataSize(f.bytes), f.dtype, QLocale().toString(f.parameters),
                                      f.sha256);
            else
                byTask.insert(f.task, {f.bytes, f.dtype, f.parameters, f.sha256});
        }
        poolModel_->setFacts(byTask);
        poolPanel_->setPretrainedFacts(pretrained);  // also fits the columns to the facts
    });
    connect(c, &LabController::poolFailed, this, [this](const QString& why) { warnLater(tr("Cannot open the pool"), why); });

    connect(mergePanel_, &MergePanel::runRequested, c, &LabController::runMerge);
    connect(mergePanel_, &MergePanel::compareAllRequested, c, &LabController::runComparison);
    connect(mergePanel_, &MergePanel::cancelRequested, c, &LabController::cancel);
    connect(c->jobs(), &JobRunner::failed, this, [this](const QString& title, const QString& why) {
        if (title == tr("Opening the pool")) warnLater(tr("Cannot open the pool"), why);
    });
    connect(c, &LabController::sessionRestored, this, &MainWindow::restoreViewOptions);
}

bool MainWindow::openPool(const QString& location) {
    try {
        const auto manifest = pool::PoolManifest::load(location.toStdString());
        if (controller_->busy()) {
            QMessageBox::information(this, tr("A job is running"),
                                     tr("Wait for the running job to finish, or cancel it, before opening a pool."));
            return false;
        }
        poolModel_->setPool(manifest);
        poolPanel_->showPool(manifest);
        setWindowTitle(tr("MergeScope — %1").arg(QString::fromStdString(manifest.name)));
        statusBar()->showMessage(tr("Opening %1…").arg(QString::fromStdString(manifest.path)));
        controller_->openPool(QString::fromStdString(manifest.path));
        return true;
    } catch (const Error& e) {
        warnLater(tr("Cannot open the pool"), QString::fromStdString(e.what()));
        statusBar()->showMessage(tr("Could not open %1").arg(location));
        return false;
    }
}

// A job's failure arrives asynchronously: a window-modal box that does not block the event loop
// (jobs keep reporting, tests keep running) and deletes itself.
void MainWindow::warnLater(const QString& title, const QString& text) {
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QString MainWindow::currentTaskName() const { return poolPanel_->currentTaskName(); }
void MainWindow::showGallery(const QString& taskName) { poolPanel_->showGallery(taskName); }
void MainWindow::showTab(Tab tab) { tabs_->setCurrentIndex(int(tab)); }

void MainWindow::chooseAndOpenPool() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open a pool manifest"), QString(),
                                                      tr("Pool manifests (pool.json *.json)"));
    if (!file.isEmpty()) openPool(file);
}

void MainWindow::openDemoZoo() { openPool(QString::fromStdString(pool::defaultZooFolder())); }

void MainWindow::saveSessionAs() {
    if (!controller_->poolReady()) {
        QMessageBox::information(this, tr("Save session"), tr("Open a pool first: a session belongs to a pool."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save session"), sessionPath_.isEmpty() ? controller_->sessionFolder() + QStringLiteral("/session.json") : sessionPath_,
        tr("MergeScope sessions (*.json)"));
    if (path.isEmpty()) return;
    if (const QString error = saveSession(path); !error.isEmpty()) {
        QMessageBox::warning(this, tr("Save session"), error);
        return;
    }
    statusBar()->showMessage(tr("Saved the session to %1").arg(path), 8000);
}

QString MainWindow::saveSession(const QString& path) {
    storeViewOptions();
    const QString error = controller_->saveSession(path);
    if (error.isEmpty()) sessionPath_ = path;
    return error;
}

void MainWindow::openSession() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), controller_->sessionFolder(),
                                                      tr("MergeScope sessions (*.json)"));
    if (path.isEmpty()) return;
    QString error;
    if (!openSession(path, &error))
        QMessageBox::warning(this, tr("Open session"), tr("Cannot open the session: %1").arg(error));
}

bool MainWindow::openSession(const QString& path, QString* error) {
    if (!controller_->loadSession(path, error)) return false;
    sessionPath_ = path;
    // The pool's table follows the session's pool; its checks follow the session's tasks.
    const QString pool = controller_->session().poolLocation;
    if (poolModel_->pool().path != pool.toStdString()) {
        try {
            const auto manifest = pool::PoolManifest::load(pool.toStdString());
            poolModel_->setPool(manifest);
            poolPanel_->showPool(manifest);
        } catch (const Error& e) {
            if (error) *error = QString::fromStdString(e.what());
            return false;
        }
    }
    return true;
}

void MainWindow::restoreViewOptions() {
    const auto& s = controller_->session();
    poolModel_->setCheckedTasks(s.chosenTasks);
    const auto& v = s.viewOptions;
    accuracy_->setNormalised(v.value(QStringLiteral("accuracy/normalised"), false).toBool());
    if (v.contains(QStringLiteral("accuracy/reference")))
        accuracy_->setReference(v.value(QStringLiteral("accuracy/reference")).toString());
    if (v.contains(QStringLiteral("routing/result")))
        routing_->selectResult(v.value(QStringLiteral("routing/result")).toString());
    if (v.contains(QStringLiteral("routing/compare")))
        routing_->selectCompareResult(v.value(QStringLiteral("routing/compare")).toString());
    if (v.contains(QStringLiteral("merge/method")))
        mergePanel_->selectMethod(v.value(QStringLiteral("merge/method")).toString());
    if (!s.windowGeometry.isEmpty()) restoreGeometry(s.windowGeometry);
    if (!s.windowState.isEmpty()) restoreState(s.windowState);
    tabs_->setCurrentIndex(s.currentTab);
    statusBar()->showMessage(tr("Restored %1 results").arg(s.results.size()), 8000);
}

void MainWindow::storeViewOptions() {
    auto& s = controller_->session();
    s.viewOptions.insert(QStringLiteral("accuracy/normalised"), accuracy_->model()->isNormalised());
    s.viewOptions.insert(QStringLiteral("accuracy/reference"), accuracy_->model()->reference());
    s.viewOptions.insert(QStringLiteral("routing/result"), routing_->currentResultId());
    s.viewOptions.insert(QStringLiteral("routing/compare"), routing_->compareResultId());
    s.viewOptions.insert(QStringLiteral("merge/method"), mergePanel_->currentMethodId());
    s.windowGeometry = saveGeometry();
    s.windowState = saveState();
    s.currentTab = tabs_->currentIndex();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (controller_->busy()) {
        const auto answer = QMessageBox::question(this, tr("A job is running"),
                                                  tr("%1 is still running. Cancel it and quit?").arg(jobLabel_->text()));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        controller_->cancel();
    }
    event->accept();
}

void MainWindow::showShortcuts() {
    QMessageBox::information(
        this, tr("Keyboard shortcuts"),
        tr("<table cellspacing=6>"
           "<tr><td><b>Alt+1 … Alt+6</b></td><td>Pool, Merge & adapt, Routing, Accuracy, Interference, Learn</td></tr>"
           "<tr><td><b>Ctrl+Enter</b></td><td>Run the chosen method</td></tr>"
           "<tr><td><b>Esc</b></td><td>Cancel the running job (Merge & adapt)</td></tr>"
           "<tr><td><b>← / →</b></td><td>Previous / next image in the routing inspector</td></tr>"
           "<tr><td><b>Ctrl+C</b></td><td>Copy the accuracy table (or its selection)</td></tr>"
           "<tr><td><b>Ctrl+S</b></td><td>Save the session</td></tr>"
           "<tr><td><b>Ctrl+O</b></td><td>Open a pool</td></tr></table>"));
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About MergeScope"),
                       tr("<h3>MergeScope %1</h3><p>A desktop lab for merging vision transformers: task arithmetic, "
                          "TIES, AdaMerging and Weight-Ensembling Mixture of Experts (Tang et al., ICML 2024).</p>")
                           .arg(QStringLiteral(MERGESCOPE_VERSION)));
}

}  // namespace ms::ui
