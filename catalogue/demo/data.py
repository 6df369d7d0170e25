"""Demo producers and products, written to look like a real provincial OCOP shop.

Names are illustrative (the producers are invented), but the products, places, issuers and
standards are the kind found in the provinces' OCOP lists (see shared/seeds/).
"""

# Producers: (name, kind, province code, street, registration number, phone, story,
#             former district that rated their older 3★ products or None)
PRODUCERS = [
    ("HTX Nấm rơm Xuân Lộc", "cooperative", 75, "Ấp Trung Tín", "3603456789", "02513871234",
     "Hợp tác xã trồng nấm rơm trên rơm rạ sạch của đồng lúa Xuân Lộc, thu hái mỗi sáng "
     "và sơ chế ngay trong ngày.", "UBND huyện Xuân Lộc"),
    ("Công ty TNHH Hạt điều Bình Phước Xanh", "enterprise", 75, "Đường ĐT741, khu phố 3",
     "3801234567", "02713889900",
     "Điều rang muối, điều vỏ lụa từ vườn điều Bình Phước, nay thuộc tỉnh Đồng Nai.", None),
    ("Tổ hợp tác Mật ong Tân Phú", "cooperative_group", 75, "Ấp 4", "", "0918234567",
     "Mười hai hộ nuôi ong dưới tán rừng Nam Cát Tiên, lấy mật hoa cà phê và hoa rừng.",
     "UBND huyện Tân Phú"),
    ("Cơ sở Kẹo dừa Thanh Long", "household", 86, "Khu phố 2", "56A8001234", "0908765432",
     "Kẹo dừa nấu tay theo công thức ba đời của xứ dừa Bến Tre.", "UBND thành phố Bến Tre"),
    ("HTX Bưởi da xanh Chợ Lách", "cooperative", 86, "Ấp Phú Hữu", "5601122334", "02753871111",
     "Bưởi da xanh trồng trên đất cù lao, đạt VietGAP từ năm 2018.", "UBND huyện Chợ Lách"),
    ("Công ty CP Dừa Mỏ Cày", "enterprise", 86, "Khu công nghiệp An Hiệp", "1300998877",
     "02753660000", "Dầu dừa ép lạnh, nước cốt dừa và thạch dừa xuất khẩu.",
     "UBND huyện Mỏ Cày Bắc"),
    ("HTX Du lịch cộng đồng Cồn Phụng", "cooperative", 86, "Cồn Phụng", "1301112223",
     "02753822822", "Đi xuồng rạch dừa, tát mương bắt cá, học làm kẹo dừa cùng người dân.",
     None),
    ("HTX Cây cảnh Cái Mơn", "cooperative", 86, "Ấp Tân Thạch", "1301234000", "0913556677",
     "Làng cây kiểng Cái Mơn hơn 200 năm, mai vàng, kiểng bonsai và hoa kiểng Tết.", None),
    ("Công ty CP Chè Tân Cương", "enterprise", 19, "Xóm Hồng Thái", "4600123456",
     "02083844555", "Chè búp Tân Cương sao sấy bằng tay trên chảo gang.", None),
    ("HTX Cà phê Ea Tu", "cooperative", 66, "Buôn Kô Tam", "6000456789", "02623955123",
     "Cà phê Robusta chín đỏ, phơi giàn và rang mộc, không tẩm hương liệu.", None),
    ("HTX Thổ cẩm Chiềng Khoi", "cooperative", 14, "Bản Phiêng Hịa", "5500334455",
     "0912003344", "Phụ nữ Thái dệt thổ cẩm trên khung cửi truyền thống.", None),
    ("Hộ kinh doanh Nước mắm Cái Rồng", "household", 22, "Khu 3, đặc khu Vân Đồn",
     "22H8003344", "0987123456", "Nước mắm cá cơm ủ chượp trong thùng gỗ 12 tháng.", None),
    ("HTX Dược liệu Ba Chẽ", "cooperative", 22, "Thôn Làng Cang", "5700889900", "02033888111",
     "Ba kích tím, trà hoa vàng và tinh dầu quế trồng dưới tán rừng.", "UBND huyện Ba Chẽ"),
    ("Công ty TNHH Trà Atiso Đà Lạt", "enterprise", 68, "Đường Mai Anh Đào", "5800776655",
     "02633822333", "Atiso Đà Lạt làm trà túi lọc, cao atiso và trà hoa.", None),
    ("Tổ hợp tác Hoa Thái Phiên", "cooperative_group", 68, "Làng hoa Thái Phiên", "",
     "0935112233", "Hoa cúc, hoa hồng và lan hồ điệp trồng trong nhà kính.", None),
    ("Hộ kinh doanh Mắm Châu Đốc Bà Giáo", "household", 91, "Đường Trưng Nữ Vương",
     "89K8012345", "0296386888", "Mắm cá linh, mắm thái đu đủ theo kiểu Châu Đốc.", None),
    ("HTX Gạo hữu cơ Tháp Mười", "cooperative", 82, "Ấp 3", "1400567890", "02773822444",
     "Gạo hữu cơ trồng luân canh với tôm càng xanh, không dùng thuốc trừ sâu.", None),
    ("Hộ kinh doanh Khô cá U Minh", "household", 96, "Ấp Vồ Dơi", "61C8005566", "0919667788",
     "Khô cá lóc, khô cá sặc rừng U Minh phơi nắng tự nhiên.", None),
    ("Công ty TNHH Rượu Làng Vân", "enterprise", 24, "Thôn Vân Hà", "2300445566", "02223866999",
     "Rượu làng Vân nấu từ gạo nếp cái hoa vàng theo lối cổ.", None),
    ("Tổ hợp tác Mây tre đan Phú Vinh", "cooperative_group", 1, "Thôn Phú Vinh", "",
     "0904556677", "Mây tre đan xuất khẩu của làng nghề Phú Vinh, Chương Mỹ.", None),
    ("HTX Cá cảnh Thủ Đức", "cooperative", 79, "Đường Lò Lu", "0316667788", "0283730888",
     "Cá Koi, cá dĩa và cá betta lai tạo, giao tận nơi trong túi oxy.", None),
]

# Products per producer: (title, category code, base price in VND, standards, description)
# Each product may come in several sizes: (size label, price factor).
SIZES = {
    "g": [("hộp 250g", 1.0), ("hộp 500g", 1.9)],
    "kg": [("túi 1kg", 1.0), ("túi 5kg", 4.6)],
    "ml": [("chai 500ml", 1.0), ("chai 1 lít", 1.85)],
    "one": [("", 1.0)],
}

PRODUCTS = {
    "HTX Nấm rơm Xuân Lộc": [
        ("Nấm rơm sạch Đồng Nai", "I.1.a", 90000, ["vietgap"], "g",
         "Nấm rơm búp, thu hái buổi sáng, đóng khay và giao trong ngày."),
        ("Nấm rơm sấy khô Xuân Lộc", "I.3.c", 180000, [], "g",
         "Nấm rơm sấy lạnh giữ vị ngọt, dùng nấu lẩu và xào."),
        ("Chà bông nấm rơm", "I.3.c", 85000, [], "one", "Chà bông chay làm từ nấm rơm."),
    ],
    "Công ty TNHH Hạt điều Bình Phước Xanh": [
        ("Hạt điều rang muối vỏ lụa", "I.3.c", 220000, ["haccp", "gi"], "g",
         "Điều hạt to loại A, rang củi, giữ vỏ lụa."),
        ("Hạt điều tươi bóc vỏ", "I.1.a", 190000, ["haccp"], "g", "Nhân điều sống loại W320."),
        ("Sữa hạt điều", "II.2.b", 45000, ["iso22000"], "ml", "Sữa điều nguyên chất, ít đường."),
        ("Bánh hạt điều giòn", "I.3.b", 65000, [], "one", "Bánh quy giòn với hạt điều."),
    ],
    "Tổ hợp tác Mật ong Tân Phú": [
        ("Mật ong hoa cà phê Tân Phú", "I.2.b", 250000, ["organic"], "ml",
         "Mật ong nguyên chất từ hoa cà phê, thu vào mùa khô."),
        ("Mật ong rừng Nam Cát Tiên", "I.2.b", 380000, [], "ml", "Mật ong rừng khai thác thủ công."),
        ("Sáp ong nguyên chất", "III.3", 120000, [], "one", "Sáp ong làm nến và dưỡng da."),
    ],
    "Cơ sở Kẹo dừa Thanh Long": [
        ("Kẹo dừa sầu riêng", "I.3.c", 45000, [], "g", "Kẹo dừa dẻo vị sầu riêng."),
        ("Kẹo dừa lá dứa", "I.3.c", 45000, [], "g", "Kẹo dừa dẻo thơm lá dứa."),
        ("Kẹo dừa đậu phộng", "I.3.c", 42000, [], "g", "Kẹo dừa giòn với đậu phộng rang."),
        ("Bánh tráng sữa dừa", "I.3.b", 35000, [], "one", "Bánh tráng sữa nướng than."),
    ],
    "HTX Bưởi da xanh Chợ Lách": [
        ("Bưởi da xanh Chợ Lách", "I.1.a", 75000, ["vietgap", "gi"], "kg",
         "Bưởi da xanh ruột hồng, múi ráo, vỏ mỏng."),
        ("Mứt vỏ bưởi", "I.3.c", 60000, [], "g", "Mứt vỏ bưởi sên đường phèn."),
        ("Tinh dầu vỏ bưởi", "III.3", 95000, [], "one", "Tinh dầu bưởi chưng cất, dưỡng tóc."),
    ],
    "Công ty CP Dừa Mỏ Cày": [
        ("Dầu dừa ép lạnh", "III.2", 150000, ["organic", "haccp"], "ml",
         "Dầu dừa tinh khiết ép lạnh, dùng nấu ăn và dưỡng da."),
        ("Nước cốt dừa đóng lon", "I.4.b", 28000, ["haccp"], "one", "Nước cốt dừa 400ml."),
        ("Thạch dừa", "I.3.c", 40000, [], "g", "Thạch dừa giòn dai."),
        ("Chỉ xơ dừa trồng lan", "IV.1", 30000, [], "one", "Giá thể xơ dừa cho hoa lan."),
    ],
    "HTX Du lịch cộng đồng Cồn Phụng": [
        ("Tour một ngày Cồn Phụng", "VI.1", 450000, [], "one",
         "Đi xuồng chèo rạch dừa, thăm lò kẹo, ăn trưa với cá tai tượng chiên xù."),
        ("Trải nghiệm làm kẹo dừa", "VI.1", 180000, [], "one",
         "Nửa ngày học nấu và gói kẹo dừa cùng nghệ nhân."),
    ],
    "HTX Cây cảnh Cái Mơn": [
        ("Mai vàng bonsai Cái Mơn", "V.2", 1500000, [], "one", "Mai vàng dáng trực, cao 60cm."),
        ("Cúc mâm xôi chậu", "V.1", 220000, [], "one", "Cúc mâm xôi vàng chưng Tết."),
        ("Kiểng lá bonsai mini", "V.2", 350000, [], "one", "Bonsai để bàn, chậu gốm."),
    ],
    "Công ty CP Chè Tân Cương": [
        ("Chè búp Tân Cương đặc biệt", "I.5.a", 320000, ["vietgap", "gi"], "g",
         "Chè một tôm hai lá, sao tay, nước xanh, vị chát dịu hậu ngọt."),
        ("Chè móc câu Tân Cương", "I.5.a", 220000, ["vietgap"], "g", "Chè móc câu cánh nhỏ."),
        ("Trà xanh túi lọc", "I.5.a", 60000, [], "one", "Hộp 25 túi lọc."),
    ],
    "HTX Cà phê Ea Tu": [
        ("Cà phê Robusta rang mộc", "I.6", 160000, ["organic"], "g",
         "Cà phê chín đỏ, phơi giàn, rang mộc vừa."),
        ("Cà phê Arabica Cầu Đất", "I.6", 260000, [], "g", "Arabica Lâm Đồng sơ chế ướt."),
        ("Ca cao nguyên chất", "I.6", 140000, [], "g", "Bột ca cao Đắk Lắk không đường."),
    ],
    "HTX Thổ cẩm Chiềng Khoi": [
        ("Khăn piêu thổ cẩm", "IV.2", 350000, [], "one", "Khăn piêu thêu tay của phụ nữ Thái."),
        ("Túi thổ cẩm đeo vai", "IV.2", 280000, [], "one", "Túi dệt tay, hoa văn truyền thống."),
        ("Gối tựa thổ cẩm", "IV.2", 190000, [], "one", "Vỏ gối dệt thổ cẩm."),
    ],
    "Hộ kinh doanh Nước mắm Cái Rồng": [
        ("Nước mắm cá cơm Cái Rồng 40 độ đạm", "I.4.a", 150000, ["haccp"], "ml",
         "Nước mắm nhĩ ủ chượp thùng gỗ 12 tháng."),
        ("Chả mực Vân Đồn", "I.3.d", 450000, [], "one", "Chả mực giã tay, túi 500g."),
        ("Sá sùng khô", "I.3.d", 2800000, [], "one", "Sá sùng Vân Đồn phơi khô, túi 100g."),
    ],
    "HTX Dược liệu Ba Chẽ": [
        ("Ba kích tím Ba Chẽ", "III.1", 420000, ["gi"], "one", "Ba kích khô, túi 500g."),
        ("Trà hoa vàng", "I.5.b", 650000, [], "one", "Trà hoa vàng sấy lạnh, hộp 50g."),
        ("Tinh dầu quế", "III.3", 120000, [], "one", "Tinh dầu quế chưng cất, chai 50ml."),
        ("Rượu ba kích", "II.1.b", 350000, [], "ml", "Rượu ba kích ngâm 6 tháng."),
    ],
    "Công ty TNHH Trà Atiso Đà Lạt": [
        ("Trà atiso túi lọc", "I.5.b", 70000, ["vietgap"], "one", "Hộp 100 túi lọc."),
        ("Cao atiso Đà Lạt", "III.1", 280000, [], "one", "Cao atiso đặc, hũ 200g."),
        ("Trà hoa cúc Đà Lạt", "I.5.b", 120000, [], "g", "Hoa cúc sấy lạnh."),
    ],
    "Tổ hợp tác Hoa Thái Phiên": [
        ("Lan hồ điệp chậu 3 cành", "V.1", 950000, [], "one", "Lan hồ điệp trắng, chậu sứ."),
        ("Hoa hồng Đà Lạt bó 20 bông", "V.1", 250000, ["vietgap"], "one", "Hồng cắt cành."),
        ("Sen đá Đà Lạt chậu mini", "V.2", 45000, [], "one", "Sen đá chậu 8cm."),
    ],
    "Hộ kinh doanh Mắm Châu Đốc Bà Giáo": [
        ("Mắm cá linh Châu Đốc", "I.3.d", 130000, [], "g", "Mắm cá linh mùa nước nổi."),
        ("Mắm thái đu đủ", "I.3.d", 110000, [], "g", "Mắm thái trộn đu đủ bào."),
        ("Khô cá tra phồng", "I.3.d", 160000, [], "g", "Khô cá tra phồng An Giang."),
    ],
    "HTX Gạo hữu cơ Tháp Mười": [
        ("Gạo hữu cơ Tháp Mười", "I.2.a", 45000, ["organic"], "kg", "Gạo thơm hữu cơ."),
        ("Gạo lứt tím than", "I.2.a", 60000, ["organic"], "kg", "Gạo lứt tím hữu cơ."),
        ("Bột sen Tháp Mười", "I.3.c", 180000, [], "g", "Bột củ sen nguyên chất."),
        ("Trà tim sen", "I.5.b", 150000, [], "g", "Tim sen sấy, giúp dễ ngủ."),
    ],
    "Hộ kinh doanh Khô cá U Minh": [
        ("Khô cá lóc U Minh", "I.3.d", 420000, [], "g", "Khô cá lóc đồng một nắng."),
        ("Khô cá sặc rằn", "I.3.d", 280000, [], "g", "Khô cá sặc phơi nắng tự nhiên."),
        ("Mật ong rừng U Minh", "I.2.b", 400000, [], "ml", "Mật ong rừng tràm U Minh Hạ."),
    ],
    "Công ty TNHH Rượu Làng Vân": [
        ("Rượu làng Vân 40 độ", "II.1.a", 180000, [], "ml", "Rượu nếp cái hoa vàng."),
        ("Rượu mơ làng Vân", "II.1.b", 220000, [], "ml", "Rượu mơ ngâm một năm."),
    ],
    "Tổ hợp tác Mây tre đan Phú Vinh": [
        ("Giỏ mây đan tay", "IV.1", 260000, [], "one", "Giỏ mây có nắp, đường kính 30cm."),
        ("Đèn tre trang trí", "IV.1", 390000, [], "one", "Chụp đèn tre đan kiểu lồng bàn."),
        ("Khay tre đựng bánh", "IV.1", 120000, [], "one", "Khay tre sơn mài."),
    ],
    "HTX Cá cảnh Thủ Đức": [
        ("Cá Koi Nhật F1", "V.3", 650000, [], "one", "Cá Koi dài 20cm, giao túi oxy."),
        ("Cá betta Halfmoon", "V.3", 150000, [], "one", "Cá betta lai tạo, chọn màu."),
    ],
}

# Colours per group for the drawn product images.
GROUP_COLOURS = {
    "I": ((246, 214, 153), (120, 72, 20)),
    "II": ((190, 220, 240), (20, 70, 120)),
    "III": ((200, 230, 190), (40, 100, 40)),
    "IV": ((235, 200, 220), (120, 40, 80)),
    "V": ((210, 240, 210), (30, 110, 60)),
    "VI": ((200, 225, 250), (30, 80, 140)),
}

HOME_INTRO = (
    "<p>Chợ OCOP đưa sản phẩm đạt chứng nhận OCOP từ các hợp tác xã, doanh nghiệp nhỏ và hộ "
    "sản xuất đến tận tay người tiêu dùng. Mỗi sản phẩm ghi rõ số sao, số quyết định công "
    "nhận và thời hạn hiệu lực; sao chỉ hiển thị khi chứng nhận còn hiệu lực.</p>"
)
