import numpy as np
import pytest

from app.engine.datasets import (
    DATASETS,
    Dataset,
    _standardize,
    describe_datasets,
    make_dataset,
)

GENERATED = ["circles", "moons", "spiral", "gaussians"]
TWO_CLASS = ["xor", "circles", "moons", "gaussians"]
THREE_CLASS = ["iris", "spiral"]

EXPECTED_SHAPES = {
    "iris": ((150, 4), (150, 3)),
    "xor": ((4, 2), (4, 1)),
    "circles": ((100, 2), (100, 1)),
    "moons": ((100, 2), (100, 1)),
    "spiral": ((150, 2), (150, 3)),
    "gaussians": ((100, 2), (100, 1)),
}


def test_registry_offers_every_dataset() -> None:
    assert set(DATASETS) == set(EXPECTED_SHAPES)
    assert [entry["name"] for entry in describe_datasets()] == list(DATASETS)


@pytest.mark.parametrize("name", list(EXPECTED_SHAPES))
def test_default_dataset_has_expected_shapes_and_dtypes(name: str) -> None:
    data = make_dataset(name)
    input_shape, target_shape = EXPECTED_SHAPES[name]
    assert isinstance(data, Dataset)
    assert data.name == name
    assert data.inputs.shape == input_shape and data.inputs.dtype == np.float64
    assert data.targets.shape == target_shape and data.targets.dtype == np.float64
    assert data.labels.shape == (input_shape[0],) and data.labels.dtype == np.int64
    assert len(data.feature_names) == input_shape[1]
    assert set(np.unique(data.labels)) == set(range(len(data.classes)))
    assert data.description


def test_without_noise_each_set_lies_exactly_on_its_shape() -> None:
    # The shapes the descriptions promise, checked point by point: rings of radius 1 (outer) and
    # 0.5 (inner); an upper arc x² + y² = 1, y ≥ 0, and a lower one centred on (1, 0.5), y ≤ 0.5;
    # spiral arms at angle 2πk/3 + 4r; blobs exactly at (−1, −1) and (1, 1).
    circles = make_dataset("circles", noise=0.0, seed=5)
    assert np.allclose(np.hypot(*circles.inputs.T), np.where(circles.labels == 0, 1.0, 0.5))
    moons = make_dataset("moons", noise=0.0, seed=5)
    upper, lower = moons.inputs[moons.labels == 0], moons.inputs[moons.labels == 1] - [1.0, 0.5]
    assert np.allclose(np.hypot(*upper.T), 1) and (upper[:, 1] >= 0).all()
    assert np.allclose(np.hypot(*lower.T), 1) and (lower[:, 1] <= 0).all()
    spiral = make_dataset("spiral", noise=0.0, seed=5)
    r = np.hypot(*spiral.inputs.T)
    turn = np.arctan2(spiral.inputs[:, 1], spiral.inputs[:, 0]) - (2 * np.pi * spiral.labels / 3 + 4 * r)
    assert np.allclose(np.angle(np.exp(1j * turn)), 0, atol=1e-9) and ((r >= 0.05) & (r <= 1)).all()
    blobs = make_dataset("gaussians", noise=0.0, seed=5)
    assert np.array_equal(blobs.inputs, np.where(blobs.labels[:, None] == 0, -1.0, 1.0) * np.ones((1, 2)))
    for data in (circles, moons, blobs):
        assert np.array_equal(data.targets[:, 0], data.labels)


def test_iris_has_150_rows_50_per_class() -> None:
    iris = make_dataset("iris")
    assert iris.classes == ("setosa", "versicolor", "virginica")
    assert iris.feature_names == (
        "sepal_length",
        "sepal_width",
        "petal_length",
        "petal_width",
    )
    assert np.bincount(iris.labels).tolist() == [50, 50, 50]


def test_iris_matches_published_statistics() -> None:
    iris = make_dataset("iris")
    np.testing.assert_allclose(
        iris.inputs.mean(axis=0), [5.843333, 3.057333, 3.758000, 1.199333], atol=1e-6
    )
    sepal_length_by_species = [
        iris.inputs[iris.labels == k, 0].mean() for k in range(3)
    ]
    np.testing.assert_allclose(
        sepal_length_by_species, [5.006, 5.936, 6.588], atol=1e-9
    )


def test_iris_and_xor_ignore_size_and_noise() -> None:
    for name in ("iris", "xor"):
        np.testing.assert_array_equal(
            make_dataset(name, n=50, noise=1.0).inputs, make_dataset(name).inputs
        )


def test_xor_is_the_truth_table() -> None:
    xor = make_dataset("xor")
    np.testing.assert_array_equal(xor.inputs, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(xor.targets, [[0], [1], [1], [0]])


@pytest.mark.parametrize("name", GENERATED)
def test_same_seed_gives_identical_data(name: str) -> None:
    first, second = make_dataset(name, seed=7), make_dataset(name, seed=7)
    np.testing.assert_array_equal(first.inputs, second.inputs)
    np.testing.assert_array_equal(first.targets, second.targets)


@pytest.mark.parametrize("name", GENERATED)
def test_different_seeds_give_different_points(name: str) -> None:
    assert not np.array_equal(
        make_dataset(name, seed=1).inputs, make_dataset(name, seed=2).inputs
    )


@pytest.mark.parametrize("name", GENERATED)
@pytest.mark.parametrize("n", [4, 101, 5000])
def test_generated_set_has_requested_size_with_balanced_classes(
    name: str, n: int
) -> None:
    data = make_dataset(name, n=n)
    counts = np.bincount(data.labels, minlength=len(data.classes))
    assert data.inputs.shape == (n, 2)
    assert counts.sum() == n and counts.max() - counts.min() <= 1


@pytest.mark.parametrize("name", GENERATED)
def test_noise_spreads_points_around_the_clean_shape(name: str) -> None:
    clean, noisy = make_dataset(name, noise=0.0), make_dataset(name, noise=0.5)
    assert np.isfinite(clean.inputs).all()
    assert not np.allclose(clean.inputs, noisy.inputs)


def test_circles_rings_have_radius_one_and_half_without_noise() -> None:
    circles = make_dataset("circles", noise=0.0)
    radius = np.linalg.norm(circles.inputs, axis=1)
    np.testing.assert_allclose(radius[circles.labels == 0], 1.0)
    np.testing.assert_allclose(radius[circles.labels == 1], 0.5)


@pytest.mark.parametrize("name", list(EXPECTED_SHAPES))
def test_standardized_features_have_mean_zero_and_unit_std(name: str) -> None:
    data = make_dataset(name, standardize=True)
    np.testing.assert_allclose(data.inputs.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(data.inputs.std(axis=0), 1.0, atol=1e-12)


def test_standardizing_a_constant_feature_centres_it_without_dividing_by_zero() -> None:
    standardized = _standardize(np.array([[1.0, 3.0], [2.0, 3.0], [3.0, 3.0]]))
    np.testing.assert_allclose(standardized[:, 1], 0.0)
    np.testing.assert_allclose(standardized[:, 0].std(), 1.0)


@pytest.mark.parametrize("name", THREE_CLASS)
def test_three_class_targets_are_one_hot_rows(name: str) -> None:
    data = make_dataset(name)
    np.testing.assert_array_equal(data.targets.sum(axis=1), 1.0)
    np.testing.assert_array_equal(data.targets.argmax(axis=1), data.labels)


@pytest.mark.parametrize("name", TWO_CLASS)
def test_two_class_targets_are_one_column_by_default(name: str) -> None:
    data = make_dataset(name)
    np.testing.assert_array_equal(data.targets[:, 0], data.labels)


@pytest.mark.parametrize("name", TWO_CLASS)
def test_two_class_targets_can_be_one_hot(name: str) -> None:
    data = make_dataset(name, one_hot=True)
    assert data.targets.shape == (len(data.labels), 2)
    np.testing.assert_array_equal(data.targets.sum(axis=1), 1.0)
    np.testing.assert_array_equal(data.targets.argmax(axis=1), data.labels)


@pytest.mark.parametrize("name", THREE_CLASS)
def test_three_classes_cannot_fit_one_target_column(name: str) -> None:
    with pytest.raises(ValueError, match="two classes"):
        make_dataset(name, one_hot=False)


def test_unknown_dataset_name_raises_key_error() -> None:
    with pytest.raises(KeyError, match="unknown dataset 'mnist'"):
        make_dataset("mnist")


@pytest.mark.parametrize("n", [3, 0, -1, 5001, 10.5])
def test_out_of_range_sample_count_raises_value_error(n: float) -> None:
    with pytest.raises(ValueError, match="n must be"):
        make_dataset("moons", n=n)


@pytest.mark.parametrize("noise", [-0.1, 2.01, float("nan")])
def test_out_of_range_noise_raises_value_error(noise: float) -> None:
    with pytest.raises(ValueError, match="noise must be"):
        make_dataset("moons", noise=noise)


def test_listing_describes_each_dataset_with_defaults() -> None:
    listing = {entry["name"]: entry for entry in describe_datasets()}
    assert listing["iris"] == {
        "name": "iris",
        "description": make_dataset("iris").description,
        "n_features": 4,
        "classes": ["setosa", "versicolor", "virginica"],
        "default_n": 150,
        "default_noise": None,
    }
    assert listing["spiral"]["default_n"] == 150
    for name in GENERATED:
        assert 0.0 < listing[name]["default_noise"] <= 2.0
        assert listing[name]["n_features"] == 2
