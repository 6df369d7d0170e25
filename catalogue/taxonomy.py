"""The OCOP product tree of Decision 148/QĐ-TTg (Annex I): 6 groups, 17 sub-groups, 26
categories. A sub-group that is not split into lettered categories is itself a category.

Also the quality standards shown beside the stars. Both are loaded by data migrations.
"""

from storefront.text import slugify

# (code, Vietnamese, English, children)
TREE = [
    (
        "I",
        "Thực phẩm",
        "Food",
        [
            (
                "I.1",
                "Thực phẩm tươi sống",
                "Fresh food",
                [
                    ("I.1.a", "Rau, củ, quả, hạt tươi", "Fresh vegetables, tubers, fruit and nuts"),
                    (
                        "I.1.b",
                        "Thịt, thủy sản, trứng, sữa tươi",
                        "Meat, seafood, eggs and fresh milk",
                    ),
                ],
            ),
            (
                "I.2",
                "Thực phẩm thô, sơ chế",
                "Raw and pre-processed food",
                [
                    ("I.2.a", "Gạo, ngũ cốc", "Rice and grains"),
                    (
                        "I.2.b",
                        "Mật ong, sản phẩm từ mật ong và nông sản thực phẩm khác",
                        "Honey and other farm foods",
                    ),
                ],
            ),
            (
                "I.3",
                "Thực phẩm chế biến",
                "Processed food",
                [
                    ("I.3.a", "Thực phẩm ăn nhanh", "Fast food"),
                    ("I.3.b", "Chế biến từ gạo, ngũ cốc", "Made from rice and grains"),
                    (
                        "I.3.c",
                        "Chế biến từ rau, củ, quả, hạt",
                        "Made from vegetables, fruit and nuts",
                    ),
                    (
                        "I.3.d",
                        "Chế biến từ thịt, trứng, sữa, thủy sản, mật ong",
                        "Made from meat, eggs, milk, seafood or honey",
                    ),
                ],
            ),
            (
                "I.4",
                "Gia vị",
                "Condiments",
                [
                    (
                        "I.4.a",
                        "Tương, nước mắm, gia vị dạng lỏng",
                        "Sauces, fish sauce and liquid condiments",
                    ),
                    ("I.4.b", "Gia vị khác", "Other condiments"),
                ],
            ),
            (
                "I.5",
                "Chè",
                "Tea",
                [
                    ("I.5.a", "Chè tươi, chè chế biến", "Fresh and processed tea"),
                    ("I.5.b", "Sản phẩm trà khác", "Tea from other plants"),
                ],
            ),
            ("I.6", "Cà phê, ca cao", "Coffee and cocoa", []),
        ],
    ),
    (
        "II",
        "Đồ uống",
        "Drinks",
        [
            (
                "II.1",
                "Đồ uống có cồn",
                "Alcoholic drinks",
                [
                    ("II.1.a", "Rượu trắng", "White liquor"),
                    ("II.1.b", "Đồ uống có cồn khác", "Other alcoholic drinks"),
                ],
            ),
            (
                "II.2",
                "Đồ uống không cồn",
                "Non-alcoholic drinks",
                [
                    ("II.2.a", "Nước khoáng, nước uống đóng chai", "Mineral and bottled water"),
                    ("II.2.b", "Đồ uống không cồn khác", "Other non-alcoholic drinks"),
                ],
            ),
        ],
    ),
    (
        "III",
        "Dược liệu và sản phẩm từ dược liệu",
        "Herbs and herbal products",
        [
            (
                "III.1",
                "Thực phẩm chức năng, thuốc từ dược liệu, thuốc y học cổ truyền",
                "Functional foods, herbal and traditional medicine",
                [],
            ),
            ("III.2", "Mỹ phẩm từ dược liệu", "Herbal cosmetics", []),
            (
                "III.3",
                "Tinh dầu và sản phẩm khác từ dược liệu",
                "Essential oils and other herbal products",
                [],
            ),
        ],
    ),
    (
        "IV",
        "Thủ công mỹ nghệ",
        "Handicrafts",
        [
            ("IV.1", "Thủ công mỹ nghệ gia dụng, trang trí", "Household and decorative crafts", []),
            ("IV.2", "Vải, may mặc", "Textiles and garments", []),
        ],
    ),
    (
        "V",
        "Sinh vật cảnh",
        "Ornamental plants and animals",
        [
            ("V.1", "Hoa", "Flowers", []),
            ("V.2", "Cây cảnh", "Ornamental plants", []),
            ("V.3", "Động vật cảnh", "Ornamental animals", []),
        ],
    ),
    (
        "VI",
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
        "Community tourism, eco-tourism and tourist sites",
        [
            (
                "VI.1",
                "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
                "Community tourism, eco-tourism and tourist sites",
                [],
            ),
        ],
    ),
]

STANDARDS = [
    ("vietgap", "VietGAP", "VietGAP"),
    ("globalgap", "GlobalGAP", "GlobalGAP"),
    ("organic", "Hữu cơ", "Organic"),
    ("haccp", "HACCP", "HACCP"),
    ("iso22000", "ISO 22000", "ISO 22000"),
    ("gi", "Chỉ dẫn địa lý", "Geographical indication"),
]

# django-treebeard's materialized path: 4 base-36 characters per level.
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(n):
    out = ""
    for _ in range(4):
        n, r = divmod(n, 36)
        out = _ALPHABET[r] + out
    return out


def iter_nodes():
    """(code, name, name_en, depth, path, numchild) for every node, parents first."""

    def walk(nodes, parent_path, depth):
        for i, node in enumerate(nodes, start=1):
            code, name, name_en = node[:3]
            children = node[3] if len(node) > 3 else []
            path = parent_path + _step(i)
            yield code, name, name_en, depth, path, len(children)
            yield from walk(children, path, depth + 1)

    yield from walk(TREE, "", 1)


def load_taxonomy(category_model):
    """Create the tree if no category exists yet (historical models have no treebeard API)."""
    if category_model.objects.exists():
        return
    category_model.objects.bulk_create(
        category_model(
            code=code,
            name=name,
            name_en=name_en,
            slug=slugify(name),
            depth=depth,
            path=path,
            numchild=numchild,
            is_public=True,
            ancestors_are_public=True,
        )
        for code, name, name_en, depth, path, numchild in iter_nodes()
    )


def load_standards(standard_model):
    for code, name, name_en in STANDARDS:
        standard_model.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en}
        )
