// Head subspaces by hand: the bases are orthonormal and mutually orthogonal, confining a head
// projects it onto one of them, and a new head made orthogonal to the others reads nothing they read.
#include <torch/torch.h>

#include <QtTest>

#include "support/error_assertions.h"

#include "core/zoo/head_subspace.h"

using namespace ms;

class HeadSubspaceTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void basesAreOrthonormalAndMutuallyOrthogonal() {
        const auto a = zoo::headSubspaceBasis(12, 3, 0, 7), b = zoo::headSubspaceBasis(12, 3, 2, 7);
        QCOMPARE(a.sizes().vec(), (std::vector<int64_t>{12, 4}));
        QVERIFY(torch::allclose(torch::matmul(a.t(), a), torch::eye(4), 1e-5, 1e-5));
        QVERIFY(torch::matmul(a.t(), b).abs().max().item<double>() < 1e-5);
        QVERIFY(torch::equal(a, zoo::headSubspaceBasis(12, 3, 0, 7)));      // the seed decides
        QVERIFY(!torch::allclose(a, zoo::headSubspaceBasis(12, 3, 0, 8)));
        // A random rotation: no basis vector is a coordinate axis.
        QVERIFY(a.abs().max().item<double>() < 0.99);
        QVERIFY(test::contains(test::errorOf([] { zoo::headSubspaceBasis(8, 5, 0, 1); }), "no room for 5 head subspaces"));
        QVERIFY(test::contains(test::errorOf([] { zoo::headSubspaceBasis(8, 2, 2, 1); }), "does not exist"));
    }

    void confiningProjectsOntoTheSubspace() {
        // Subspace = the first two axes of R^3 (a hand-made basis).
        const auto basis = torch::tensor({{1.f, 0.f}, {0.f, 1.f}, {0.f, 0.f}});
        const auto heads = torch::tensor({{3.f, 4.f, 12.f}, {0.f, -2.f, 5.f}});
        const auto confined = zoo::confineToSubspace(heads, basis);
        QVERIFY(torch::allclose(confined, torch::tensor({{0.6f, 0.8f, 0.f}, {0.f, -1.f, 0.f}})));
    }

    void aNewHeadReadsNothingTheOthersRead() {
        const std::vector<torch::Tensor> others{torch::tensor({{1.f, 0.f, 0.f, 0.f}}), torch::tensor({{1.f, 1.f, 0.f, 0.f}})};
        const auto head = zoo::orthogonalToHeads(torch::tensor({{1.f, 2.f, 3.f, 0.f}, {5.f, 0.f, 0.f, 4.f}}), others);
        QVERIFY(torch::allclose(head, torch::tensor({{0.f, 0.f, 1.f, 0.f}, {0.f, 0.f, 0.f, 1.f}}), 1e-5, 1e-5));
        // When the other heads read everything, or a class lies inside what they read, it is refused.
        QVERIFY(test::contains(test::errorOf([&] { zoo::orthogonalToHeads(torch::eye(2), {torch::eye(2)}); }),
                               "no subspace is left"));
        QVERIFY(test::contains(test::errorOf([&] { zoo::orthogonalToHeads(torch::tensor({{2.f, 0.f, 0.f, 0.f}}), others); }),
                               "lies entirely in the other heads' subspaces"));
    }
};

QTEST_GUILESS_MAIN(HeadSubspaceTest)
#include "test_head_subspace.moc"
