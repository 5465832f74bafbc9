// The analysis views of the main window — routing, accuracy, interference, learn — their wiring
// to the controller, and the guided tour.
#include "ui/main_window.h"

#include <QListWidget>
#include <QTableView>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include "core/merge/merge_method.h"
#include "ui/lab/figure_job.h"
#include "ui/lab/lab.h"
#include "ui/lab_controller.h"
#include "ui/merge/loss_plot.h"
#include "ui/merge/merge_panel.h"
#include "ui/pool_panel.h"
#include "ui/results/accuracy_panel.h"
#include "ui/results/figure_card.h"
#include "ui/results/interference_panel.h"
#include "ui/routing/routing_heatmap.h"
#include "ui/routing/routing_inspector.h"
#include "ui/routing/test_set_routing_view.h"
#include "ui/teaching/guided_tour.h"
#include "ui/teaching/method_guide.h"
#include "ui/teaching/ties_step_through.h"

namespace ms::ui {

namespace {

// Every routed result, and for adapted ones their state before adaptation (to compare with).
QVector<QPair<QString, QString>> routedResults(const Session& session) {
    QVector<QPair<QString, QString>> routed;
    for (const auto& r : session.results) {
        if (!r.routes) continue;
        routed.append({r.accuracy.id, r.accuracy.label});
        if (!r.loss.isEmpty())
            routed.append({Lab::initialStateId(r.accuracy.id),
                           QObject::tr("%1 — before adaptation").arg(r.accuracy.label)});
    }
    return routed;
}

}  // namespace

void MainWindow::buildViews() {
    routing_ = new RoutingInspector;
    accuracy_ = new AccuracyPanel;
    interference_ = new InterferencePanel;
    guide_ = new MethodGuide;
    std::vector<merge::MethodInfo> methods;
    for (const auto* m : merge::allMethods()) methods.push_back(m->info());
    guide_->setMethods(methods);
    ties_ = new TiesStepThrough;
    auto* learn = new QTabWidget;
    learn->setObjectName(QStringLiteral("learnTabs"));
    learn->addTab(guide_, tr("Methods and concepts"));
    learn->addTab(ties_, tr("TIES step by step"));

    tabs_->addTab(routing_, tr("&Routing"));
    tabs_->addTab(accuracy_, tr("&Accuracy"));
    tabs_->addTab(interference_, tr("&Interference"));
    tabs_->addTab(learn, tr("&Learn"));
    tabs_->setTabToolTip(PoolTab, tr("The tasks, their experts and test images; choose what to merge"));
    tabs_->setTabToolTip(MergeTab, tr("Run a merge method, adapt it at test time, watch the loss"));
    tabs_->setTabToolTip(RoutingTab, tr("How WEMoE's routers mix the task vectors for each image, layer by layer"));
    tabs_->setTabToolTip(AccuracyTab, tr("Every result of the session on every task, absolute or normalised"));
    tabs_->setTabToolTip(InterferenceTab,
                         tr("Why static merges lose accuracy: cosines, sign conflicts, λ; what adaptation will pull"));
    tabs_->setTabToolTip(LearnTab, tr("Each method explained, and TIES step by step on real task vectors"));
    tour_ = new GuidedTour(this);
}

void MainWindow::connectViews() {
    auto* c = controller_;
    // A pool opens: every view learns its tasks; the interference measurements start.
    connect(c, &LabController::poolOpened, this, [this](const QVector<TaskInfo>& tasks) {
        routing_->setTasks(tasks);
        accuracy_->setTasks(tasks);
        interference_->setTasks(tasks);
        interference_->setLayerCount(controller_->layerCount());
        routing_->setResults({});
        accuracy_->setRows({});
        controller_->requestCosine(QStringLiteral("all"), -1);
        controller_->requestConflicts(20.0);
        controller_->requestTiesWalkthrough(ties_->keepPercent(), 14, 0);
        if (!GuidedTour::hasBeenSeen() && qEnvironmentVariableIsEmpty("MERGESCOPE_NO_TOUR"))
            QTimer::singleShot(400, this, &MainWindow::startTour);
    });
    connect(c, &LabController::baselinesReady, this, [this] {
        accuracy_->setRows(controller_->session().accuracies());
        interference_->setAccuracies(controller_->session().accuracies());
    });
    connect(c, &LabController::resultAdded, this, [this](const SessionResult& r) {
        accuracy_->addOrReplaceRow(r.accuracy);
        interference_->setAccuracies(controller_->session().accuracies());
        if (r.routes) {
            // Centre the diverging colours at the routers' starting coefficient: red then means
            // "more of this task vector than task arithmetic gave it", blue "less".
            const double start = r.parameters.value(QStringLiteral("init_lambda"), 0.3).toDouble();
            routing_->heatmap()->setCenter(start);
            routing_->testSetView()->meanRouting()->setCenter(start);
            routing_->setResults(routedResults(controller_->session()));
            routing_->selectResult(r.accuracy.id);
            if (!r.loss.isEmpty()) routing_->selectCompareResult(Lab::initialStateId(r.accuracy.id));
            if (r.routing.layers > 0) routing_->showSummary(r.routing);
        }
    });
    connect(c, &LabController::resultRemoved, this, [this](const QString& id) {
        accuracy_->removeRow(id);
        interference_->setAccuracies(controller_->session().accuracies());
        routing_->setResults(routedResults(controller_->session()));
    });
    connect(c, &LabController::sessionRestored, this, [this] {
        accuracy_->setRows(controller_->session().accuracies());
        interference_->setAccuracies(controller_->session().accuracies());
        routing_->setResults(routedResults(controller_->session()));
    });
    connect(accuracy_, &AccuracyPanel::removeRequested, c, &LabController::removeResult);
    connect(accuracy_, &AccuracyPanel::exported, this,
            [this](const QString& path) { statusBar()->showMessage(tr("Exported %1").arg(path), 8000); });

    // Routing inspector: thumbnails, traces and test-set summaries on worker threads.
    connect(routing_, &RoutingInspector::galleryRequested, c, [c](int task) { c->requestThumbnails(task); });
    connect(c, &LabController::thumbnailsReady, routing_, &RoutingInspector::setGallery);
    connect(routing_, &RoutingInspector::traceRequested, c, &LabController::requestTrace);
    connect(routing_, &RoutingInspector::traceFileRequested, c, &LabController::requestTraceFile);
    connect(c, &LabController::traceReady, routing_, &RoutingInspector::showTrace);
    connect(c, &LabController::traceFailed, routing_, &RoutingInspector::showError);
    connect(routing_, &RoutingInspector::summaryRequested, c, &LabController::requestRoutingSummary);
    connect(c, &LabController::routingSummaryReady, routing_, &RoutingInspector::showSummary);

    // Interference.
    connect(interference_, &InterferencePanel::cosineRequested, c, &LabController::requestCosine);
    connect(interference_, &InterferencePanel::conflictsRequested, c, &LabController::requestConflicts);
    connect(c, &LabController::cosineReady, interference_, &InterferencePanel::showCosine);
    connect(c, &LabController::conflictsReady, interference_, &InterferencePanel::showConflicts);
    // The λ sweep and the adaptation signal are jobs: each card is busy while its own job runs,
    // shows that job's failure, and shows again what it showed when the job is cancelled.
    auto* follower = new FigureJobFollower(c->jobs(), this);
    connect(interference_, &InterferencePanel::sweepRequested, this, [this, follower](const QVector<double>& lambdas) {
        if (controller_->requestSweep(lambdas))
            follower->follow(interference_->figure(InterferencePanel::Figure::Sweep),
                             tr("Evaluating task arithmetic at %n λ value(s)…", nullptr, int(lambdas.size())));
    });
    connect(interference_, &InterferencePanel::oraclePathRequested, this, [this, follower](const QVector<double>& alphas) {
        if (controller_->requestOraclePath(alphas))
            follower->follow(interference_->figure(InterferencePanel::Figure::Sweep),
                             tr("Walking from the WEMoE start to oracle routing at %n point(s)…", nullptr, int(alphas.size())));
    });
    connect(c, &LabController::sweepReady, interference_, &InterferencePanel::showSweep);
    connect(interference_, &InterferencePanel::entropySignalRequested, this, [this, follower](double lambda) {
        if (controller_->requestEntropySignal(lambda))
            follower->follow(interference_->figure(InterferencePanel::Figure::Signal),
                             tr("Measuring how each task vector moves each task's prediction entropy…"));
    });
    connect(c, &LabController::entropySignalReady, interference_, &InterferencePanel::showSignal);
    connect(interference_, &InterferencePanel::diagnosticRequested, this,
            [this, follower](PoolDiagnostic::Kind kind, double lambda) {
                static const char* const busy[] = {
                    QT_TR_NOOP("Fitting a task probe to each layer's router input…"),
                    QT_TR_NOOP("Adding each task's vector to every other's and counting changed predictions…"),
                    QT_TR_NOOP("Fitting each task's MLP coefficients for entropy and for cross-entropy…")};
                if (controller_->requestDiagnostic(kind, lambda))
                    follower->follow(interference_->figure(InterferencePanel::Figure::Diagnostics), tr(busy[int(kind)]));
            });
    connect(c, &LabController::diagnosticReady, interference_, &InterferencePanel::showDiagnostic);
    connect(c, &LabController::chosenTasksChanged, this, [this] {
        if (!controller_->poolReady()) return;
        controller_->requestCosine(QStringLiteral("all"), -1);
        controller_->requestConflicts(20.0);
    });
    // Each interactive measurement's failure shows on its own card; the job-backed cards follow
    // their jobs (above) and are never touched by another request's failure.
    connect(c, &LabController::analysisFailed, this, [this](const QString& what, const QString& why) {
        if (what == QLatin1String("cosine"))
            interference_->showError(InterferencePanel::Figure::Cosine, why);
        else if (what == QLatin1String("conflicts"))
            interference_->showError(InterferencePanel::Figure::Conflicts, why);
        else if (what == QLatin1String("ties"))
            statusBar()->showMessage(tr("TIES step-through: %1").arg(why), 10000);
        else
            statusBar()->showMessage(tr("Could not load the test images: %1").arg(why), 10000);  // thumbnails
    });

    // Learn.
    connect(guide_, &MethodGuide::tryMethodRequested, this, [this](const QString& id) {
        mergePanel_->selectMethod(id);
        showTab(MergeTab);
    });
    auto tiesSeed = std::make_shared<quint64>(0);
    connect(ties_, &TiesStepThrough::sliceRequested, this, [this, tiesSeed](double k) {
        controller_->requestTiesWalkthrough(k, 14, ++*tiesSeed);
    });
    connect(ties_, &TiesStepThrough::keepPercentChanged, this,
            [this, tiesSeed](double k) { controller_->requestTiesWalkthrough(k, 14, *tiesSeed); });
    connect(c, &LabController::tiesWalkthroughReady, ties_, &TiesStepThrough::setWalkthrough);
    connect(ties_, &TiesStepThrough::exported, this,
            [this](const QString& path) { statusBar()->showMessage(tr("Exported %1").arg(path), 8000); });
}

void MainWindow::startTour() {
    std::vector<TourStep> steps;
    auto onTab = [this](Tab tab) { return [this, tab] { showTab(tab); }; };
    steps.push_back({[this] { return static_cast<QWidget*>(poolPanel_->taskTable()); }, tr("1 · The pool"),
                     tr("One pretrained vision transformer and its experts, each fine-tuned on one task. Every task "
                        "keeps its colour in every view. <b>Tick the tasks you want to merge.</b>"),
                     onTab(PoolTab)});
    steps.push_back({[this] { return mergePanel_->findChild<QListWidget*>(QStringLiteral("methodList")); },
                     tr("2 · Choose a merge method"),
                     tr("Static merges combine the weights in closed form. Adaptive ones (AdaMerging, WEMoE) learn "
                        "coefficients or routers from unlabeled test images."),
                     onTab(MergeTab)});
    steps.push_back({[this] { return static_cast<QWidget*>(mergePanel_->runButton()); }, tr("3 · Run it"),
                     tr("Parameters come with their formula and paper in the tooltips. <b>Run</b> merges, adapts and "
                        "evaluates; <b>Run the paper's comparison</b> fills the accuracy table in one go."),
                     onTab(MergeTab)});
    steps.push_back({[this] { return static_cast<QWidget*>(mergePanel_->lossPlot()); }, tr("4 · Watch it adapt"),
                     tr("While WEMoE adapts, the entropy of each task's predictions falls here, step by step."),
                     onTab(MergeTab)});
    steps.push_back({[this] { return static_cast<QWidget*>(routing_); }, tr("5 · Inspect routing"),
                     tr("Pick an image: the heatmap shows how much of each task vector every layer's MLP uses for "
                        "it. Arrow keys step through images; compare before and after adaptation."),
                     onTab(RoutingTab)});
    steps.push_back({[this] { return static_cast<QWidget*>(accuracy_); }, tr("6 · Compare methods"),
                     tr("Every result on every task, absolute or normalised by the experts, coloured by the "
                        "difference. Copy or export as CSV, Markdown or LaTeX."),
                     onTab(AccuracyTab)});
    steps.push_back({[this] { return static_cast<QWidget*>(interference_); }, tr("7 · See the interference"),
                     tr("Why static merges lose accuracy: how the task vectors align, where their signs conflict, "
                        "how task arithmetic depends on λ, and which task vectors test-time adaptation will raise "
                        "for which task."),
                     onTab(InterferenceTab)});
    steps.push_back({[this] { return tabs_->widget(LearnTab); }, tr("8 · Learn the methods"),
                     tr("Each method with its formula, and TIES step by step on real task vectors. Every figure "
                        "exports as PNG, SVG or PDF with its data."),
                     onTab(LearnTab)});
    tour_->setSteps(steps);
    tour_->start();
}

}  // namespace ms::ui
