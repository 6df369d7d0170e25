"""Demo news articles and producer stories, written for this site.

Each entry: slug, days before today, category, author, title, lead, paragraphs, tags, titles
of related demo products; English versions for a few. Facts follow
shared/docs/ocop-domain.md (Decision 148/QĐ-TTg and 1489/QĐ-TTg, the 2025 map).
"""

NEWS = [
    {
        "slug": "tieu-chi-ocop-moi-tu-thang-7-2025",
        "days": 3,
        "category": "policy",
        "author": "Ban biên tập Chợ OCOP",
        "title": "Từ 1/7/2025: tỉnh đánh giá sản phẩm 3 và 4 sao, Trung ương đánh giá 5 sao",
        "lead": "Quyết định 1489/QĐ-TTg sửa đổi bộ tiêu chí OCOP, bỏ cấp huyện khỏi quy trình "
        "đánh giá; xã chỉ còn tiếp nhận và kiểm tra hồ sơ.",
        "paragraphs": [
            "Sau khi chính quyền địa phương hai cấp vận hành từ ngày 1/7/2025, việc đánh giá, "
            "phân hạng sản phẩm OCOP được điều chỉnh: Hội đồng cấp tỉnh đánh giá sản phẩm đạt 3 "
            "sao và 4 sao; Hội đồng Trung ương đánh giá sản phẩm tiềm năng 5 sao.",
            "Các giấy chứng nhận do UBND huyện cấp trước đây vẫn còn giá trị đến hết thời hạn 36 "
            "tháng. Trên Chợ OCOP, cơ quan cấp được ghi đúng như trên quyết định, kèm cấp ban "
            "hành, để người mua đối chiếu.",
            "Sản phẩm được chấm trên thang 100 điểm gồm ba phần: sức mạnh cộng đồng (40 điểm), "
            "khả năng tiếp thị (25 điểm) và chất lượng sản phẩm (35 điểm).",
        ],
        "tags": ["tiêu chí OCOP", "Quyết định 1489"],
        "products": [],
        "en": {
            "title": "From 1 July 2025: provinces rate 3★ and 4★, the central level rates 5★",
            "lead": "Decision 1489/QĐ-TTg amends the OCOP criteria and removes the district from "
            "the rating process; communes only receive and check the dossiers.",
            "paragraphs": [
                "With two-level local government in place since 1 July 2025, provincial councils "
                "rate 3-star and 4-star products and the central council rates 5-star "
                "candidates.",
                "Certificates issued by former district committees stay valid until their 36 "
                "months run out. Chợ OCOP shows the issuer exactly as printed, with its level.",
                "Products are scored out of 100: community strength (40), marketing (25) and "
                "product quality (35).",
            ],
        },
    },
    {
        "slug": "het-han-sao-ocop-nguoi-mua-can-biet",
        "days": 6,
        "category": "programme",
        "author": "Ban biên tập Chợ OCOP",
        "title": "Sao OCOP có hạn 36 tháng: cách kiểm tra trước khi mua",
        "lead": "Nhiều bao bì vẫn in sao dù chứng nhận đã hết hạn. Trên Chợ OCOP, sao chỉ hiện "
        "khi quyết định công nhận còn hiệu lực.",
        "paragraphs": [
            "Giấy chứng nhận sản phẩm OCOP có giá trị 36 tháng kể từ ngày ký quyết định. Hết "
            "thời hạn, chủ thể phải đề nghị đánh giá lại mới được tiếp tục dùng biểu trưng OCOP.",
            "Ở mỗi trang sản phẩm, người mua thấy số quyết định, ngày ký, cơ quan cấp và ngày "
            "hết hạn. Khi chứng nhận hết hạn, sao được ẩn và trang ghi rõ ngày hết hạn.",
            "Nếu thấy sản phẩm ghi OCOP nhưng không có quyết định công nhận, hãy báo cho chúng "
            "tôi qua địa chỉ liên hệ ở cuối trang.",
        ],
        "tags": ["chứng nhận", "người tiêu dùng"],
        "products": ["Mật ong rừng Nam Cát Tiên"],
        "en": {
            "title": "OCOP stars last 36 months: how to check before you buy",
            "lead": "Many packages still print stars after the certificate has lapsed. On Chợ "
            "OCOP, stars show only while the recognition decision is valid.",
            "paragraphs": [
                "An OCOP certificate is valid for 36 months from the decision date; after that "
                "the product must be rated again to keep the logo.",
                "Every product page shows the decision number, its date, the issuer and the "
                "expiry date. When a certificate lapses the stars are hidden and the page says "
                "when it expired.",
            ],
        },
    },
    {
        "slug": "dong-nai-127-san-pham-ocop-moi",
        "days": 9,
        "category": "programme",
        "author": "Phóng viên Đồng Nai",
        "title": "Đồng Nai: thêm sản phẩm đạt 3 và 4 sao sau đợt đánh giá cuối năm",
        "lead": "Hội đồng cấp tỉnh công nhận nhiều sản phẩm từ các xã vùng Xuân Lộc, Tân Phú và "
        "vùng điều Bình Phước cũ.",
        "paragraphs": [
            "Đồng Nai sau sáp nhập có thêm nhiều chủ thể sản xuất điều, hồ tiêu và cà phê. Các "
            "sản phẩm mới được công nhận tập trung ở nhóm thực phẩm chế biến và nông sản sơ chế.",
            "Sở Nông nghiệp và Môi trường khuyến khích chủ thể đưa sản phẩm lên sàn thương mại "
            "điện tử, kèm thông tin truy xuất và quyết định công nhận.",
        ],
        "tags": ["Đồng Nai"],
        "products": ["Nấm rơm sạch Đồng Nai", "Hạt điều rang muối vỏ lụa"],
    },
    {
        "slug": "vinh-long-sau-hop-nhat-thuong-hieu-dua",
        "days": 12,
        "category": "market",
        "author": "Phóng viên Vĩnh Long",
        "title": "Vĩnh Long sau hợp nhất: giữ thương hiệu dừa Bến Tre trên sản phẩm OCOP",
        "lead": "Bến Tre và Trà Vinh nhập vào Vĩnh Long; các chủ thể kẹo dừa, dầu dừa vẫn dùng "
        "tên vùng nguyên liệu quen thuộc trên bao bì.",
        "paragraphs": [
            "Từ 1/7/2025, tỉnh Vĩnh Long mới (mã 86) gồm địa bàn ba tỉnh Vĩnh Long, Bến Tre và "
            "Trà Vinh cũ. Quyết định công nhận cấp trước ngày này vẫn ghi địa chỉ cũ.",
            "Trên Chợ OCOP, địa chỉ chủ thể theo đơn vị hành chính mới, còn giấy tờ cũ được giữ "
            "nguyên như bản in.",
        ],
        "tags": ["Vĩnh Long", "dừa"],
        "products": ["Kẹo dừa sầu riêng"],
    },
    {
        "slug": "thanh-toan-vietqr-tren-cho-ocop",
        "days": 15,
        "category": "market",
        "author": "Ban biên tập Chợ OCOP",
        "title": "Thanh toán bằng mã VietQR: chuyển khoản đúng số tiền, đúng nội dung",
        "lead": "Người mua có thể trả tiền khi nhận hàng, chuyển khoản qua mã VietQR hoặc dùng "
        "thẻ quốc tế.",
        "paragraphs": [
            "Sau khi đặt hàng, trang đơn hàng hiện mã VietQR có sẵn số tài khoản, số tiền và nội "
            "dung chuyển khoản là mã đơn. Mọi ứng dụng ngân hàng đều quét được.",
            "Đơn chờ chuyển khoản được giữ hàng trong 48 giờ; quá hạn, đơn tự huỷ và hàng được "
            "trả lại cho người mua khác.",
        ],
        "tags": ["thanh toán"],
        "products": [],
    },
    {
        "slug": "hoi-cho-ocop-cuoi-nam",
        "days": 18,
        "category": "programme",
        "author": "Trung tâm Xúc tiến thương mại",
        "title": "Hội chợ OCOP cuối năm: 200 gian hàng, ngày hội livestream bán hàng",
        "lead": "Chủ thể OCOP đăng ký gian hàng qua sở ngành địa phương; ưu tiên sản phẩm 4 sao "
        "và 5 sao còn hiệu lực.",
        "paragraphs": [
            "Hội chợ có khu trưng bày theo vùng, hội thảo kết nối với siêu thị và nhà phân phối, "
            "cùng các phiên livestream bán hàng mỗi tối.",
            "Hồ sơ đăng ký gồm giấy chứng nhận OCOP, giấy tờ an toàn thực phẩm và danh sách sản "
            "phẩm trưng bày.",
        ],
        "tags": ["hội chợ", "xúc tiến thương mại"],
        "products": [],
    },
    {
        "slug": "ca-phe-robusta-ocop-tay-nguyen",
        "days": 21,
        "category": "market",
        "author": "Phóng viên Đắk Lắk",
        "title": "Cà phê Robusta chín đỏ: giá tốt hơn nhờ đạt OCOP và VietGAP",
        "lead": "Các hợp tác xã cà phê Tây Nguyên bán được giá cao hơn khi có chứng nhận OCOP "
        "đi kèm tiêu chuẩn VietGAP.",
        "paragraphs": [
            "Thu hái quả chín, phơi giàn và rang mộc giúp cà phê giữ hương vị tự nhiên. Người "
            "mua trực tuyến ngày càng hỏi về quy trình này.",
            "Sàn hiển thị tiêu chuẩn đi kèm như VietGAP, hữu cơ, chỉ dẫn địa lý ngay cạnh số sao.",
        ],
        "tags": ["cà phê", "Đắk Lắk"],
        "products": ["Cà phê Robusta rang mộc"],
    },
    {
        "slug": "bao-ve-du-lieu-ca-nhan-2026",
        "days": 25,
        "category": "policy",
        "author": "Ban biên tập Chợ OCOP",
        "title": "Luật Bảo vệ dữ liệu cá nhân có hiệu lực: sàn xin đồng ý rõ ràng",
        "lead": "Từ 1/1/2026, việc xử lý dữ liệu cá nhân cần sự đồng ý rõ ràng; im lặng không "
        "phải là đồng ý.",
        "paragraphs": [
            "Khi đặt hàng, người mua tự đánh dấu ô đồng ý cho phép cửa hàng và chủ thể dùng họ "
            "tên, số điện thoại, địa chỉ để giao hàng. Ô này không bao giờ được đánh dấu sẵn.",
            "Chính sách bảo vệ dữ liệu cá nhân của sàn được đăng công khai ở cuối mỗi trang.",
        ],
        "tags": ["dữ liệu cá nhân", "pháp luật"],
        "products": [],
    },
    {
        "slug": "mat-ong-rung-va-mua-hoa-ca-phe",
        "days": 30,
        "category": "market",
        "author": "Phóng viên Đồng Nai",
        "title": "Mùa hoa cà phê: mật ong Tân Phú vào vụ thu hoạch",
        "lead": "Các tổ hợp tác nuôi ong dưới tán rừng thu mật hoa cà phê từ tháng Giêng đến "
        "tháng Ba.",
        "paragraphs": [
            "Mật ong được lọc, đo độ ẩm và đóng chai ngay tại tổ hợp tác. Một số sản phẩm đang "
            "chờ đánh giá lại vì chứng nhận cũ đã hết hạn.",
        ],
        "tags": ["mật ong", "Đồng Nai"],
        "products": ["Mật ong hoa cà phê Tân Phú"],
    },
    {
        "slug": "phi-van-chuyen-theo-kien-cua-tung-chu-the",
        "days": 34,
        "category": "market",
        "author": "Ban biên tập Chợ OCOP",
        "title": "Vì sao phí giao hàng tính theo kiện của từng chủ thể?",
        "lead": "Mỗi chủ thể tự đóng gói và gửi hàng từ nơi sản xuất, nên một đơn có thể gồm "
        "nhiều kiện.",
        "paragraphs": [
            "Phí giao hàng tuỳ khoảng cách: cùng tỉnh, cùng vùng hay khác vùng. Kiện đạt mức "
            "miễn phí giao hàng được miễn phí, kể cả khi đơn có kiện khác.",
            "Trang xem lại đơn hàng ghi rõ từng kiện, phí của từng kiện và tổng tiền đã gồm VAT.",
        ],
        "tags": ["giao hàng"],
        "products": [],
    },
    {
        "slug": "thu-cong-my-nghe-ocop",
        "days": 40,
        "category": "programme",
        "author": "Phóng viên",
        "title": "Thủ công mỹ nghệ OCOP: từ làng nghề lên sàn trực tuyến",
        "lead": "Sản phẩm mây tre đan, gốm, dệt thổ cẩm cần ảnh tốt và câu chuyện riêng để bán "
        "được trên mạng.",
        "paragraphs": [
            "Người mua ở xa không chạm được vào sản phẩm, nên ảnh rõ, kích thước chính xác và "
            "câu chuyện làng nghề quyết định lựa chọn.",
            "Chủ thể có thể đăng ảnh sản phẩm và ảnh cơ sở sản xuất trên trang của mình.",
        ],
        "tags": ["thủ công mỹ nghệ"],
        "products": [],
    },
    {
        "slug": "du-lich-cong-dong-ocop",
        "days": 47,
        "category": "programme",
        "author": "Phóng viên",
        "title": "Du lịch cộng đồng cũng là sản phẩm OCOP",
        "lead": "Nhóm VI của bộ tiêu chí gồm dịch vụ du lịch cộng đồng, du lịch sinh thái và "
        "điểm du lịch.",
        "paragraphs": [
            "Trải nghiệm không phải hàng hoá vận chuyển: người mua đặt chỗ, không tính phí giao "
            "hàng.",
        ],
        "tags": ["du lịch"],
        "products": [],
    },
    {
        "slug": "quy-che-san-sua-doi",
        "days": 1,
        "category": "policy",
        "author": "Ban biên tập Chợ OCOP",
        "title": "Thông báo sửa đổi quy chế hoạt động sàn",
        "lead": "Quy chế sửa đổi được công bố trước ít nhất 5 ngày trước khi có hiệu lực, theo "
        "quy định về thương mại điện tử.",
        "paragraphs": [
            "Bản sửa đổi bổ sung quy định về thời hạn giữ hàng cho đơn chuyển khoản và trách "
            "nhiệm của chủ thể khi chứng nhận OCOP hết hạn.",
            "Xem toàn văn bản sửa đổi và ngày hiệu lực trên trang Quy chế hoạt động.",
        ],
        "tags": ["quy chế"],
        "products": [],
    },
]

STORIES = [
    {
        "slug": "chuyen-nam-rom-xuan-loc",
        "days": 8,
        "producer": "HTX Nấm rơm Xuân Lộc",
        "author": "Phóng viên Đồng Nai",
        "title": "Nấm rơm Xuân Lộc: từ rơm rạ bỏ đi đến sản phẩm 4 sao",
        "lead": "Mười lăm thành viên hợp tác xã biến rơm sau vụ lúa thành nguồn thu quanh năm.",
        "paragraphs": [
            "Nấm được thu hái lúc sáng sớm, sơ chế trong ngày và giao cho khách trong tỉnh ngay "
            "hôm sau.",
            "Hợp tác xã đã được đánh giá lại và giữ hạng 4 sao sau khi chứng nhận cũ hết hạn.",
        ],
        "tags": ["câu chuyện chủ thể", "Đồng Nai"],
        "products": ["Nấm rơm sạch Đồng Nai"],
    },
    {
        "slug": "keo-dua-ba-the-he",
        "days": 20,
        "producer": "Cơ sở Kẹo dừa Thanh Long",
        "author": "Phóng viên Vĩnh Long",
        "title": "Ba thế hệ nấu kẹo dừa bằng tay",
        "lead": "Công thức gia truyền, lửa than và nước cốt dừa tươi mỗi sáng.",
        "paragraphs": [
            "Cơ sở vẫn nấu từng mẻ nhỏ, cắt và gói bằng tay để giữ độ dẻo của kẹo.",
        ],
        "tags": ["câu chuyện chủ thể", "dừa"],
        "products": ["Kẹo dừa sầu riêng"],
    },
]
