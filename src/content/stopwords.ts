/**
 * Words too common in Indonesian and English news to say what a story is about.
 * Based on the usual Indonesian function-word lists (Tala) minus words that do carry topic
 * (kasus, harga, tinggi, …), plus newsroom filler: speech verbs, titles, weekdays, months,
 * number words and time-of-day words. Only lower-case entries; tokens of 1–2 letters are
 * dropped before the lookup, so they are not listed.
 */

const indonesian = `
ada adalah adanya adapun agak agaknya agar akan akankah akhirnya aku akulah amat amatlah anda
andalah antar antara antaranya apa apaan apabila apakah apalagi apatah artinya asal asalkan atas
atau ataukah ataupun awal awalnya bagai bagaikan bagaimana bagaimanakah bagaimanapun bagi bagian
bahkan bahwa bahwasanya baik bakal bakalan balik banyak bapak baru bawah beberapa begini beginian
beginikah beginilah begitu begitukah begitulah begitupun belakang belakangan belum belumlah benar
benarkah benarlah berada berakhir berapa berapakah berapalah berapapun berarti berawal berbagai
berikan berikut berikutnya berjumlah berkali-kali berkata berkenaan berlainan berlalu berlangsung
bermacam bermacam-macam bermaksud bermula bersama bersama-sama bertanya berturut-turut bertutur
berujar berupa betul betulkah biasa biasanya bila bilakah bisa bisakah boleh bolehkah bolehlah buat
bukan bukankah bukanlah bukannya bung cara caranya cukup cukupkah cukuplah cuma dahulu dalam dan
dapat dari daripada datang demi demikian demikianlah dengan depan dia diakhiri dialah diantara
diantaranya diberi diberikan dibuat didapat digunakan diketahui dikatakan dikatakannya dilakukan
dilihat dimaksud dimana diminta dimulai dini dipastikan diperkirakan diperlukan diri dirinya
disampaikan disebut disebutkan disini ditambahkan ditanya ditanyakan ditegaskan ditunjukkan
dituturkan diucapkan diungkapkan dong dulu engkau enggak entah entahlah guna gunakan hal hampir
hanya hanyalah harus haruslah harusnya hendak hendaklah hendaknya hingga ialah ibarat ibu ikut
ingin inginkan ini inikah inilah itu itukah itulah jadi jadilah jadinya jangan jangankan janganlah
jawab jawabnya jelas jelaskan jelaslah jelasnya jika jikalau juga jumlah jumlahnya justru kala
kalau kalaulah kalaupun kalian kami kamilah kamu kamulah kan kapan kapankah karena karenanya kata
katakan katanya kebetulan kedua keduanya kelima kelihatan kelihatannya kembali kemudian kemungkinan
kenapa kepada kepadanya keseluruhan ketiga ketika khususnya kini kinilah kira kira-kira kiranya kita
kitalah kok kurang lagi lagian lah lain lainnya lalu lama lamanya lanjut lanjutnya lebih lewat
macam maka makanya makin malah malahan mampu mana manakala manalagi masa masih masihkah masing
masing-masing mau maupun melainkan melakukan melalui melihat memang memastikan memberi memberikan
membuat memerlukan meminta mempunyai memulai memungkinkan menambahkan menandaskan menanyakan
mendapat mendapatkan mendatang menegaskan mengapa mengatakan mengatakannya mengenai mengetahui
menggunakan mengingat menginginkan mengira mengucapkan mengungkapkan menjadi menjawab menjelaskan
menuju menunjukkan menurut menuturkan menyampaikan menyangkut menyatakan menyebut menyebutkan
merasa mereka merekalah merupakan meski meskipun meyakini minta mirip misal misalkan misalnya mula
mulai mulanya mungkin mungkinkah nah namun nanti nantinya nyaris nyatanya oleh olehnya pada padahal
padanya pak paling para pasti pastilah per perlu perlunya pernah pertama pihak pihaknya pukul pula
pun punya rasa rasanya rupanya saat saatnya saja sajalah saling sama sama-sama sambil sampai sana
sangat sangatlah satu saya sayalah sebab sebabnya sebagai sebagaimana sebagainya sebagian sebaiknya
sebaliknya sebanyak sebegitu sebelum sebelumnya sebenarnya seberapa sebesar sebetulnya sebuah sebut
sebutnya secara sedang sedangkan sedemikian sedikit sedikitnya segala segalanya segera seharusnya
sehingga sejak sejauh sejenak sejumlah sekadar sekali sekalian sekaligus sekalipun sekarang
seketika sekitar sekitarnya sekurangnya selain selaku selalu selama selamanya selanjutnya seluruh
seluruhnya semacam semakin semasa sementara semisal sempat semua semuanya semula sendiri sendirinya
seolah seolah-olah seorang sepanjang seperti sepertinya sering seringnya serta sesaat sesama
sesudah sesudahnya sesuai sesuatu seseorang setelah setempat setengah seterusnya setiap setidaknya
seusai sewaktu siapa siapakah siapapun sini sinilah soal suatu sudah sudahlah supaya tadi tadinya
tahu tak tambah tampak tampaknya tandas tandasnya tanpa tapi tegas tegasnya telah tengah tentang
tentu tentulah tentunya tepat terakhir terasa terdapat terdiri terhadap terhadapnya terjadi
terjadinya terlalu terlebih terlihat termasuk ternyata tersebut tertentu terus terutama tetap
tetapi tiap tiba tiba-tiba tidak tidakkah tidaklah toh turut tutur tuturnya ucap ucapnya ujar
ujarnya umumnya ungkap ungkapnya untuk usah usai wah wahai waktu walau walaupun yaitu yakni yang
bapak saudara sdr
dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas puluh puluhan ratus ratusan ribu
ribuan juta jutaan miliar triliun persen
hari tahun bulan pekan minggu senin selasa rabu kamis jumat sabtu kemarin besok lusa pagi siang
sore malam wib wita wit januari februari maret april mei juni juli agustus september oktober
november desember
`;

const english = `
about above after again against all also although among and any are aren't because been before
being below between both but can cannot could couldn't did didn't does doesn't doing don't down
during each few for from further had hadn't has hasn't have haven't having her here hers herself
him himself his how i'm i've into isn't it's its itself just let's me more most mustn't myself
nor not now off once only other ought our ours ourselves out over own said same says shan't she
should shouldn't some such than that that's the their theirs them themselves then there there's
these they they'd they'll they're they've this those through too under until very was wasn't were
weren't what when where which while who whom why will with won't would wouldn't year years you
you'd you'll you're you've your yours yourself yourselves
`;

/** Lower-case Indonesian and English stop words. */
export const stopWords: ReadonlySet<string> = new Set((indonesian + english).split(/\s+/).filter((w) => w.length > 2));
