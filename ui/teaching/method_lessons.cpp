#include "ui/teaching/method_lessons.h"

#include <QHash>

namespace ms::ui {

namespace {

// Numbers quoted below are those of ALGORITHM.md §5 (ViT-B/32, eight tasks, average accuracy).
QHash<QString, MethodLesson> buildLessons() {
    QHash<QString, MethodLesson> lessons;

    lessons.insert(QStringLiteral("average"), {
        QStringLiteral(
            "<p>Every weight of the merged encoder is the mean of the fine-tuned weights at the same position. "
            "Because θ<sub>t</sub> = θ<sub>0</sub> + τ<sub>t</sub>, the mean is "
            "θ<sub>0</sub> + (1/T) Σ<sub>t</sub> τ<sub>t</sub>: <b>task arithmetic with λ = 1/T</b>.</p>"
            "<p>With eight tasks, each task keeps only an eighth of what fine-tuning taught it, blended with "
            "seven updates meant for other tasks. Nothing is learned and no data is needed, which makes it the "
            "baseline every other method must beat.</p>"),
        QStringLiteral(
            "<ul><li><b>Accuracy table</b>: the gap between this row and <i>Individual</i> is the price of "
            "merging. The paper reports 65.8 % against 90.5 % for the individual fine-tuned models.</li>"
            "<li><b>Accuracy against λ</b> (interference views): the point λ = 1/T of the task arithmetic sweep "
            "is simple averaging. Is it near the best λ?</li></ul>")});

    lessons.insert(QStringLiteral("task_arithmetic"), {
        QStringLiteral(
            "<p>A <b>task vector</b> τ<sub>t</sub> = θ<sub>t</sub> − θ<sub>0</sub> is what fine-tuning on task "
            "t changed. Adding the scaled sum of all task vectors to the pretrained weights gives one model for "
            "every task.</p>"
            "<p>One λ serves every task and every layer (default 0.3). Where two task vectors push the same "
            "weight in opposite directions they cancel; where they agree they add up and can overshoot, "
            "which is why λ stays well below 1. Both effects are called <b>interference</b>.</p>"),
        QStringLiteral(
            "<ul><li><b>Accuracy against λ</b>: too small and the model stays close to zero-shot, too large "
            "and the summed updates overshoot; the band shows how much the tasks disagree on the best λ.</li>"
            "<li><b>Task-vector cosine matrix</b>: values near 0 mean nearly orthogonal task vectors, "
            "which is why adding them works at all.</li>"
            "<li><b>Sign conflicts per layer</b>: where the task vectors disagree. "
            "Paper: 69.1 % on average.</li></ul>")});

    lessons.insert(QStringLiteral("ties"), {
        QStringLiteral(
            "<ol><li><b>Trim</b>: in each task vector keep the k % of entries of largest magnitude "
            "(default 20 %) and zero the rest. Small updates carry little signal but add interference. "
            "The threshold is taken over the whole model (FusionBench) or per tensor (MergeKit).</li>"
            "<li><b>Elect sign</b>: for each entry, γ = sign(Σ<sub>t</sub> τ̂<sub>t</sub>). The direction "
            "with the larger total mass wins.</li>"
            "<li><b>Disjoint merge</b>: average only the trimmed entries whose sign agrees with γ; zeros and "
            "dissenters do not count. Dividing by the number of agreeing tasks, not by T, keeps the size of "
            "each update.</li></ol>"
            "<p>Finally θ = θ<sub>0</sub> + λ τ<sub>m</sub> (default λ = 0.3).</p>"),
        QStringLiteral(
            "<ul><li><b>TIES step-through</b> (this panel): the three steps on a real slice of your task "
            "vectors, one click at a time.</li>"
            "<li><b>Sign conflicts per layer</b>: the share of kept entries whose signs disagree, the "
            "interference TIES removes.</li>"
            "<li><b>Accuracy table</b>: TIES against task arithmetic. Paper: 72.4 % against 69.1 %.</li></ul>")});

    lessons.insert(QStringLiteral("dare"), {
        QStringLiteral(
            "<p>Each entry of each task vector is dropped with probability p (default 0.5) and the survivors "
            "are multiplied by 1/(1 − p), so the expected task vector is unchanged: "
            "E[τ̃<sub>t</sub>] = τ<sub>t</sub>. The sparsified vectors are then merged by task arithmetic.</p>"
            "<p>Random sparsification lowers the overlap between task vectors, and fine-tuning updates are "
            "redundant enough to survive it: Yu et al. drop up to 90 % of them in language models. The masks "
            "come from the recipe's seed, so the same seed gives the same merge.</p>"),
        QStringLiteral(
            "<ul><li><b>Accuracy table</b>: DARE against task arithmetic at the same λ.</li>"
            "<li>Run it with two seeds: the difference between the rows is the noise of the masks.</li>"
            "<li>Raise p until the accuracy falls: how redundant are your task vectors?</li></ul>")});

    lessons.insert(QStringLiteral("adamerging"), {
        QStringLiteral(
            "<p>Task arithmetic whose coefficients are <b>learned</b>. Task-wise: one λ<sub>t</sub> per task. "
            "Layer-wise: one λ<sub>t,k</sub> per task and parameter tensor, the stronger variant. Every "
            "coefficient starts at 0.3, so training starts from task arithmetic.</p>"
            "<p>The coefficients are trained at test time on <b>unlabeled</b> test images: each step draws a "
            "batch per task and minimises the mean entropy of the predictions of that task's head, summed over "
            "tasks (Adam, lr 10⁻³, 1000 steps, 16 images per task). Labels are never read. It works because a "
            "confident merged model is usually a correct one. The result is still a single static model.</p>"),
        QStringLiteral(
            "<ul><li><b>Live loss curve</b> in the merge panel: the summed entropy falls as the "
            "coefficients move away from 0.3.</li>"
            "<li><b>Accuracy table</b>: layer-wise AdaMerging against task arithmetic. Paper: 80.1 % against "
            "69.1 %.</li>"
            "<li>Compare task-wise and layer-wise: how much do per-layer coefficients buy?</li>"
            "<li><b>λ sweep</b> in Interference, with its entropy curve: adaptation follows the entropy, so "
            "it helps only where the least entropy sits near the best λ.</li></ul>")});

    lessons.insert(QStringLiteral("wemoe"), {
        QStringLiteral(
            "<ol><li>Every parameter <b>outside the MLPs</b> (embeddings, LayerNorms, attention, projection) "
            "is merged by task arithmetic with λ = 0.3. Attention is never upscaled.</li>"
            "<li>The MLP of every layer is <b>upscaled</b> into a weight-ensembling mixture of experts: it "
            "keeps the pretrained MLP W<sub>0</sub> and the T dense MLP task vectors τ<sub>t</sub> (fc1 and "
            "fc2, weights and biases).</li>"
            "<li>A <b>router</b> per layer reads the LayerNorm output that enters the MLP, for every token. "
            "By default it is a small two-layer network whose output bias starts at 0.3 and whose weights "
            "start near zero, so WEMoE begins as task arithmetic at 0.3.</li>"
            "<li>Per image b, the router outputs are <b>averaged over the tokens</b> into T coefficients "
            "r<sub>b</sub>, and the image runs through its own MLP: "
            "W<sub>b</sub> = W<sub>0</sub> + Σ<sub>t</sub> r<sub>b,t</sub> τ<sub>t</sub>.</li>"
            "<li><b>Only the routers train</b>, by entropy minimisation on unlabeled test images "
            "(Adam, lr 10⁻⁴).</li></ol>"
            "<p>Routing weights are raw coefficients, not probabilities: no softmax, so they can be negative, "
            "exceed 1, and need not sum to 1. The price is memory: all T MLP task vectors stay in the model "
            "(ViT-B/32, eight tasks: about 548 M parameters, 453 M of them task vectors).</p>"),
        QStringLiteral(
            "<ul><li><b>Routing inspector</b>: pick an image and read its routing weights layer by layer. "
            "Shallow layers tend to share (similar weights for every task vector); deep layers favour the "
            "image's own task.</li>"
            "<li><b>First-choice matrix</b>: the share of each task's images whose largest weight goes to "
            "their own task vector, per layer.</li>"
            "<li><b>Accuracy table</b>: WEMoE against Individual. Paper: 89.4 % against 90.5 %.</li>"
            "<li>Routing per batch instead of per sample: on single-task batches it leaks which task the "
            "batch comes from, so evaluate per sample.</li>"
            "<li>Before adapting, the <b>λ sweep</b>'s entropy curve: if the entropy keeps falling past the "
            "best λ, the routers will learn to raise every coefficient rather than to pick the image's own "
            "task vector.</li></ul>")});

    lessons.insert(QStringLiteral("e_wemoe"), {
        QStringLiteral(
            "<p>WEMoE with two savings. Each MLP task vector keeps only its largest (1 − p) fraction of entries "
            "by magnitude, per tensor (p = 0.9 keeps 10 %). And a <b>single router</b> is shared by all layers "
            "instead of one per layer; it still routes differently in each layer, because each layer feeds it "
            "a different LayerNorm output.</p>"
            "<p>Everything else is WEMoE: task arithmetic outside the MLPs, per-image "
            "W<sub>b</sub> = W<sub>0</sub> + Σ<sub>t</sub> r<sub>b,t</sub> prune<sub>p</sub>(τ<sub>t</sub>), "
            "routers trained by entropy minimisation. The paper reports no loss of accuracy at p = 0.9 "
            "(89.19 % → 89.19 %).</p>"),
        QStringLiteral(
            "<ul><li><b>Accuracy table</b>: E-WEMoE against WEMoE; is the difference within noise?</li>"
            "<li><b>Routing inspector</b>: does one shared router still separate the tasks in deep "
            "layers?</li>"
            "<li>Raise the pruning ratio towards 0.99 and watch when accuracy starts to fall.</li></ul>")});

    return lessons;
}

}  // namespace

MethodLesson methodLesson(const QString& methodId) {
    static const QHash<QString, MethodLesson> lessons = buildLessons();
    return lessons.value(methodId);
}

QString conceptsHtml() {
    return QStringLiteral(
        "<h1>Concepts</h1>"
        "<h2>Task vector</h2>"
        "<p>Fine-tune a pretrained encoder θ<sub>0</sub> on task t and you get θ<sub>t</sub>. The difference "
        "τ<sub>t</sub> = θ<sub>t</sub> − θ<sub>0</sub> is the <b>task vector</b>: everything fine-tuning "
        "changed, one number per weight. Every method here combines task vectors; they differ in how.</p>"
        "<h2>Interference</h2>"
        "<p>Merging adds task vectors that were trained separately. Where two of them move the same weight in "
        "opposite directions they cancel (a <b>sign conflict</b>); where many move it the same way they add up "
        "and overshoot; small, noisy updates of one task blur the large, useful updates of another. The "
        "accuracy lost against the individual fine-tuned models is the cost of this interference. TIES "
        "and DARE remove some of it statically; AdaMerging and WEMoE learn around it.</p>"
        "<h2>Static and adaptive merges</h2>"
        "<p>A <b>static</b> merge is a closed formula over the weights: no data, one merged model. An "
        "<b>adaptive</b> merge learns a few numbers (coefficients, or routers) after merging.</p>"
        "<h2>Test-time adaptation</h2>"
        "<p>Adaptive methods learn from the <b>unlabeled test images</b> of each task. Each step feeds a batch "
        "per task through that task's frozen head and minimises the entropy of the predictions: the model is "
        "pushed to be confident, and on CLIP's tasks confident predictions are mostly right. Labels are never "
        "read during adaptation; they are only used afterwards, to measure accuracy.</p>"
        "<p>Whether confidence can be trusted depends on the pool, and it can be checked before adapting: the "
        "<b>λ sweep</b> in the Interference tab draws the mean prediction entropy next to task arithmetic's "
        "accuracy. Where the least entropy sits at the best λ, entropy points the way. Where entropy keeps "
        "falling past the best λ, every added task vector makes the heads surer, right or wrong, and adaptation "
        "drifts toward confident mistakes (the demo zoo from three tasks on shows this).</p>"
        "<h2>Routing weights</h2>"
        "<p>In WEMoE, a router decides for each image how much of each task vector its MLPs use: "
        "W<sub>b</sub> = W<sub>0</sub> + Σ<sub>t</sub> r<sub>b,t</sub> τ<sub>t</sub>. The r are raw "
        "coefficients, not probabilities: they can be negative or above 1, and need not sum to 1.</p>");
}

}  // namespace ms::ui
