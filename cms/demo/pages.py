"""Demo programme and policy pages, in Vietnamese with English versions.

Each: slug, kind (None for programme pages), title, lead, paragraphs, and "en".
The marketplace rules also carry an upcoming version (announced 5+ days ahead).
"""

PROGRAMME = [
    {
        "slug": "gioi-thieu-ocop",
        "title": "Giới thiệu Chương trình OCOP",
        "lead": "Mỗi xã một sản phẩm: chương trình quốc gia phát triển sản phẩm đặc trưng của "
        "từng địa phương.",
        "paragraphs": [
            "Chương trình OCOP giúp hợp tác xã, doanh nghiệp nhỏ, tổ hợp tác và hộ sản xuất có "
            "đăng ký phát triển sản phẩm từ lợi thế của địa phương, nâng chất lượng và đưa sản "
            "phẩm ra thị trường.",
            "Sản phẩm được đánh giá, phân hạng từ 1 đến 5 sao; chỉ sản phẩm từ 3 sao trở lên "
            "được công nhận là sản phẩm OCOP và dùng biểu trưng OCOP.",
            "Bộ sản phẩm gồm 6 nhóm: thực phẩm; đồ uống; dược liệu và sản phẩm từ dược liệu; thủ "
            "công mỹ nghệ; sinh vật cảnh; dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm "
            "du lịch.",
        ],
        "en": {
            "title": "About the OCOP programme",
            "lead": "One Commune One Product: Vietnam's national programme for each locality's "
            "signature products.",
            "paragraphs": [
                "OCOP helps cooperatives, small enterprises, cooperative groups and registered "
                "household businesses turn local strengths into products, raise their quality "
                "and reach markets.",
                "Products are rated from 1 to 5 stars; only products with 3 stars or more are "
                "recognised as OCOP products and may carry the OCOP logo.",
                "Products fall into 6 groups: food; drinks; herbs and herbal products; "
                "handicrafts; ornamental plants and animals; community and eco-tourism.",
            ],
        },
    },
    {
        "slug": "cach-danh-gia-sao",
        "title": "Sản phẩm được đánh giá sao như thế nào?",
        "lead": "Thang 100 điểm, ba phần tiêu chí, hiệu lực 36 tháng.",
        "paragraphs": [
            "Phần A – Sản phẩm và sức mạnh cộng đồng: 40 điểm. Phần B – Khả năng tiếp thị: 25 "
            "điểm. Phần C – Chất lượng sản phẩm: 35 điểm.",
            "Hạng sao theo tổng điểm: 5 sao từ 90 đến 100; 4 sao từ 70 đến 89; 3 sao từ 50 đến "
            "69; 2 sao từ 30 đến 49; 1 sao dưới 30 điểm.",
            "Từ 1/7/2025, cấp tỉnh đánh giá sản phẩm 3 và 4 sao, cấp Trung ương đánh giá sản "
            "phẩm 5 sao; cấp xã tiếp nhận và kiểm tra hồ sơ. Giấy chứng nhận có giá trị 36 "
            "tháng kể từ ngày ký quyết định.",
        ],
        "en": {
            "title": "How are products rated?",
            "lead": "A 100-point scale, three parts, valid for 36 months.",
            "paragraphs": [
                "Part A, product and community strength: 40 points. Part B, marketing: 25 "
                "points. Part C, product quality: 35 points.",
                "Stars by total score: 5 stars 90–100; 4 stars 70–89; 3 stars 50–69; 2 stars "
                "30–49; 1 star under 30.",
                "Since 1 July 2025 provinces rate 3 and 4 stars and the central level rates 5 "
                "stars; communes receive and check the dossiers. A certificate is valid for 36 "
                "months from the decision date.",
            ],
        },
    },
]

POLICIES = [
    {
        "slug": "quy-che-hoat-dong",
        "kind": "rules",
        "title": "Quy chế hoạt động sàn",
        "effective_days_ago": 200,
        "paragraphs": [
            "Chợ OCOP là sàn giao dịch thương mại điện tử cho sản phẩm được công nhận OCOP. Chủ "
            "thể bán hàng phải có quyết định công nhận còn hiệu lực cho sản phẩm gắn sao OCOP.",
            "Chủ thể chịu trách nhiệm về thông tin sản phẩm, giá, tồn kho và việc giao hàng. Sàn "
            "kiểm duyệt chủ thể và giấy chứng nhận trước khi hiển thị sao.",
            "Mọi thay đổi quy chế được thông báo trên trang này ít nhất 5 ngày trước khi có hiệu "
            "lực.",
        ],
        "upcoming": [
            "Bổ sung: đơn hàng chuyển khoản được giữ hàng 48 giờ; quá hạn, đơn tự huỷ và hàng "
            "được mở bán lại.",
            "Bổ sung: khi chứng nhận OCOP hết hạn, sản phẩm vẫn được bán nhưng không hiển thị sao "
            "cho đến khi được đánh giá lại.",
        ],
        "upcoming_in_days": 10,
        "en": {
            "title": "Marketplace rules",
            "paragraphs": [
                "Chợ OCOP is an e-commerce marketplace for OCOP-certified products. Sellers must "
                "hold a valid recognition decision for every product shown with OCOP stars.",
                "Sellers are responsible for product information, prices, stock and delivery. "
                "The marketplace checks sellers and certificates before showing stars.",
                "Any change to these rules is announced on this page at least 5 days before it "
                "takes effect.",
            ],
        },
    },
    {
        "slug": "kiem-hang",
        "kind": "inspection",
        "title": "Chính sách kiểm hàng",
        "effective_days_ago": 200,
        "paragraphs": [
            "Người mua được mở kiện, kiểm tra số lượng và tình trạng bên ngoài của sản phẩm "
            "trước khi thanh toán cho người giao hàng (với đơn thanh toán khi nhận hàng).",
            "Sản phẩm tươi sống cần được kiểm tra ngay khi nhận; hãy chụp ảnh nếu có hư hỏng.",
        ],
        "en": {
            "title": "Goods inspection",
            "paragraphs": [
                "Buyers may open the parcel and check the quantity and condition of the goods "
                "before paying the courier (cash-on-delivery orders).",
                "Fresh products should be checked on receipt; take a photo of any damage.",
            ],
        },
    },
    {
        "slug": "doi-tra-hoan-tien",
        "kind": "returns",
        "title": "Chính sách đổi trả và hoàn tiền",
        "effective_days_ago": 200,
        "paragraphs": [
            "Hàng hư hỏng, sai sản phẩm hoặc thiếu số lượng được đổi hoặc hoàn tiền trong 3 ngày "
            "kể từ khi nhận (sản phẩm tươi sống: trong 24 giờ).",
            "Tiền hoàn về đúng phương thức đã thanh toán: thẻ quốc tế hoàn qua Stripe, chuyển "
            "khoản hoàn về tài khoản của người mua.",
        ],
        "en": {
            "title": "Returns and refunds",
            "paragraphs": [
                "Damaged, wrong or short goods are exchanged or refunded within 3 days of "
                "delivery (fresh products: within 24 hours).",
                "Refunds go back the way you paid: cards through Stripe, transfers to your bank "
                "account.",
            ],
        },
    },
    {
        "slug": "giao-hang",
        "kind": "delivery",
        "title": "Chính sách giao hàng",
        "effective_days_ago": 200,
        "paragraphs": [
            "Mỗi chủ thể đóng gói và gửi kiện hàng riêng. Phí giao hàng tính theo từng kiện: "
            "cùng tỉnh, cùng vùng hoặc khác vùng; kiện đạt mức miễn phí được miễn phí.",
            "Thời gian giao hàng dự kiến: 1–2 ngày trong tỉnh, 2–4 ngày cùng vùng, 3–6 ngày "
            "khác vùng.",
        ],
        "en": {
            "title": "Delivery",
            "paragraphs": [
                "Each producer packs and ships its own parcel. Shipping is charged per parcel: "
                "same province, same region or further; parcels above the threshold ship free.",
                "Expected delivery: 1–2 days within the province, 2–4 days in the same region, "
                "3–6 days elsewhere.",
            ],
        },
    },
    {
        "slug": "thanh-toan",
        "kind": "payment",
        "title": "Chính sách thanh toán",
        "effective_days_ago": 200,
        "paragraphs": [
            "Người mua chọn một trong ba cách: thanh toán khi nhận hàng (COD), chuyển khoản "
            "ngân hàng qua mã VietQR, hoặc thẻ quốc tế qua Stripe.",
            "Giá hiển thị đã gồm thuế GTGT. Tổng tiền trên trang xem lại đơn hàng đã gồm phí "
            "giao hàng; không có khoản thu nào khác.",
        ],
        "en": {
            "title": "Payment",
            "paragraphs": [
                "Pay cash on delivery, by bank transfer with a VietQR code, or by international "
                "card through Stripe.",
                "Prices include VAT. The total on the review page includes shipping; there are "
                "no other charges.",
            ],
        },
    },
    {
        "slug": "bao-ve-du-lieu-ca-nhan",
        "kind": "privacy",
        "title": "Chính sách bảo vệ dữ liệu cá nhân",
        "effective_days_ago": 320,
        "paragraphs": [
            "Chúng tôi chỉ dùng họ tên, số điện thoại, e-mail và địa chỉ của bạn để giao hàng và "
            "liên lạc về đơn hàng, khi bạn đã đồng ý rõ ràng (Luật Bảo vệ dữ liệu cá nhân số "
            "91/2025/QH15 và Nghị định 356/2025/NĐ-CP).",
            "Dữ liệu được chia sẻ với chủ thể bán hàng và đơn vị vận chuyển của đơn đó, không "
            "bán cho bên thứ ba. Bạn có quyền xem, sửa và yêu cầu xoá dữ liệu của mình.",
        ],
        "en": {
            "title": "Personal data protection",
            "paragraphs": [
                "We use your name, phone, e-mail and address only to deliver and to contact you "
                "about your order, with your explicit consent (Personal Data Protection Law "
                "91/2025/QH15 and Decree 356/2025/NĐ-CP).",
                "Data is shared with the sellers and couriers of that order, never sold. You may "
                "see, correct and ask us to delete your data.",
            ],
        },
    },
]

FAIRS = [
    {
        "slug": "hoi-cho-ocop-dong-nai-2026",
        "title": "Hội chợ OCOP Đồng Nai 2026",
        "in_days": 24,
        "length": 5,
        "venue": "Trung tâm Hội chợ Triển lãm Đồng Nai",
        "province": 75,
        "organiser": "Sở Công Thương tỉnh Đồng Nai",
        "booths": 180,
        "intro": "<p>Khu trưng bày theo vùng, hội thảo kết nối siêu thị, livestream bán hàng "
        "mỗi tối.</p>",
        "en": {
            "title": "Đồng Nai OCOP Fair 2026",
            "venue": "Đồng Nai Exhibition Centre",
            "organiser": "Đồng Nai Department of Industry and Trade",
            "intro": "<p>Regional pavilions, supermarket matchmaking seminars and livestream "
            "sales every evening.</p>",
        },
    },
    {
        "slug": "tuan-le-ocop-vinh-long",
        "title": "Tuần lễ sản phẩm OCOP Vĩnh Long",
        "in_days": 45,
        "length": 7,
        "venue": "Quảng trường trung tâm Vĩnh Long",
        "province": 86,
        "organiser": "UBND tỉnh Vĩnh Long",
        "booths": 120,
        "intro": "<p>Sản phẩm dừa, trái cây và thủ công mỹ nghệ của vùng Bến Tre, Trà Vinh và "
        "Vĩnh Long.</p>",
        "en": {
            "title": "Vĩnh Long OCOP Week",
            "venue": "Vĩnh Long central square",
            "organiser": "Vĩnh Long Provincial People's Committee",
            "intro": "<p>Coconut products, fruit and handicrafts from Bến Tre, Trà Vinh and "
            "Vĩnh Long.</p>",
        },
    },
]
