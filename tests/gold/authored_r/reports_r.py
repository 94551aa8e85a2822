"""The sixteen reports of set R, written by hand for this set (fictional offices and figures).

Line codes: H heading, N narrative, M meta, T|table (template table lines), P|table (table as a picture),
X table line of the report's own. Options: s<n> section, label code, g generic, m mixed, u=<label> unsure,
j joined to the next unit by a soft line break (docx), glue (heading typed bold in the same run of text),
b bold heading, nb no blank line after (txt). ⏎ marks a soft line break in the middle of a sentence.
"""

REPORTS = []

REPORTS.append(dict(
    doc_id="R01", agency="岷阳县人民政府办公室", year=2019, template="2019", level="county", province="甘肃",
    title="岷阳县人民政府办公室2019年政府信息公开工作年度报告", format="docx",
    page="docx; headings 一 and 五 typed in bold and run on into their text; numbering 一、 then 2、3、 then （六） "
         "then 7、; two paragraphs broken mid-sentence by soft line breaks; tables as tab-separated paragraphs; "
         "fonts vary paragraph to paragraph; sign-off and date at the end",
    tables={"active": ((0, 0, 0), (3, 3, 22), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0), (2, 36.5)),
            "requests": {"data": {"new_received": [3, 0, 0, 0, 0, 0], "granted": [2, 0, 0, 0, 0, 0],
                                  "unavailable_not_held": [1, 0, 0, 0, 0, 0]}},
            "review": {}},
    body="""
H b|岷阳县人民政府办公室2019年政府信息公开工作年度报告
N oth g|本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，由岷阳县人民政府办公室编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据统计期限自2019年1月1日至2019年12月31日止。
N s1 oth g glue|一、总体情况。2019年，县政府办认真贯彻新修订的《条例》，围绕县委县政府中心工作，把政务公开作为转变作风、服务群众的一项经常性工作来抓，全年政务公开工作总体平稳。
N org|2、加强组织领导。调整了县政务公开工作领导小组，由县政府办主任任组长，分管副主任任副组长，办公室明确信息股1名同志专门负责网站信息的收集、审核和报送⏎工作，其他股室各确定一名信息员。
N act|3、主动公开方面。全年在县政府门户网站主动公开各类政府信息1126条，其中政府文件46件、人事信息22条、财政预决算及“三公”经费信息35条、政策解读18篇，在政务公开栏张贴公示公告64期。
N act|围绕脱贫攻坚、棚户区改造、征地拆迁、食品安全等重点领域，及时发布相关信息217条，对群众关心的冬季取暖、农村饮水安全等问题，通过“岷阳发布”微信公众号作出回应9次。
N app|4、依申请公开方面，全年共收到政府信息公开申请3件，均为自然人申请，已全部按期答复，其中予以公开2件，本机关不掌握相关政府信息1件。未收取任何费用。
N man|5、规范性文件清理和保密审查。按照省政府办公厅的统一安排，对2018年底前以县政府和县政府办名义印发的规范性文件进行了清理，继续有效19件，宣布失效7件，并在网站公布清理结果；坚持“先审核、后公开”和“谁公开、谁审查”，⏎全年未发生泄密事件。
N plat|（六）平台建设。对县政府门户网站进行集约化迁移，网站统一部署到省政府网站集约化平台，关停乡镇和部门网站11个，同时开通“岷阳发布”政务微博，网站全年没有出现错链、断链等问题。
N org|7、监督保障。将政务公开工作纳入全县目标责任考核，占考核分值4分，年内开展了一次政务公开业务培训，各乡镇和县直部门信息员共80余人参加。
H s2|二、主动公开政府信息情况
T|active
H s3|三、收到和处理政府信息公开申请情况
T|requests
H s4|四、政府信息公开行政复议、行政诉讼情况
T|review
N s5 prob g glue|五、存在的主要问题及改进情况。我办政务公开工作还存在一些不足，主要是：部分股室对新《条例》学习不够，认为公开是办公室一家的事；网站信息更新不够及时，有的栏目长时间没有更新；政策解读数量少，形式主要是文字，图解、视频类解读基本没有。
N imp g|下步打算：一是组织各股室集中学习新《条例》，把公开责任落实到股室和具体人；二是建立栏目更新台账，每月对网站各栏目检查一次；三是多用图解、问答等群众看得懂的方式做好政策解读。
H s6|六、其他需要报告的事项
N oth g|无。
M|岷阳县人民政府办公室
M|2020年1月20日
"""))

REPORTS.append(dict(
    doc_id="R02", agency="白沙镇人民政府", year=2019, template="old", level="township", province="湖南",
    title="白沙镇2019年政务公开工作情况报告", format="txt",
    page="txt, UTF-8, pasted from a Word file; written in the old style (four sections of its own, no template "
         "tables): figures in prose and in a small table of its own (tab-separated); blank lines between some "
         "paragraphs; one paragraph broken mid-sentence by a line break; sign-off and date at the end",
    tables={},
    body="""
H|白沙镇2019年政务公开工作情况报告
N oth g|根据县政务公开办的通知要求，现将我镇2019年度政务公开工作情况报告如下：
H s1|一、基本情况
N oth u=org|我镇辖14个行政村、1个居委会，总人口3.2万人。今年以来，镇党委、政府高度重视政务公开和政府信息公开工作，把它作为密切党群干群关系的一件大事来抓，做到了年初有安排、年中有检查、年底有总结。
N org|成立了由镇长任组长，纪委书记、分管副镇长任副组长，党政办、财政所、民政办负责人为成员的政务公开领导小组，领导小组下设办公室在党政办，由党政办主任兼任办公室主任，配备兼职信息员1名。
N org g|镇里把政务公开工作纳入对各村和站所的年终考核，与评先评优挂钩
H s2|二、主动公开情况
N act|截止2019年12月31日，我镇在县政府门户网站“乡镇之窗”白沙镇栏目共发布信息236条，在镇政务公开栏公开各类信息58期，在各村村务公开栏公开信息420余条。
N act|公开的主要内容有：镇领导分工、机构职能、财政预决算、“三公”经费，扶贫资金的的分配和使用、低保和特困供养人员名单、危房改造补助对象、耕地地力保护补贴发放情况等，群众关心的低保评定、危房改造名单都是先在村里公示7天再上报。
N plat|镇政府大院门口设置了政务公开栏3块，镇便民服务中心设有政府信息查阅点一个，放置了镇里的发文汇编和惠民政策明白卡，供群众随时查阅。
N act u=oth|全镇共发放惠农政策宣传资料5000余份，利用赶集日在镇街设立咨询台开展政策宣传6次。
N oth g nb|2019年白沙镇政务公开主要数据如下表：
X first|项目\t数量\t备注
X|网站发布信息\t236条\t乡镇之窗
X|镇政务公开栏公开\t58期\t—
X|村务公开栏公开\t420余条\t14个村1个居委会
X|收到信息公开申请\t0件\t—
X|行政复议、行政诉讼\t0件\t—
H s3|三、依申请公开情况
N app g|全年未收到政府信息公开申请。
N app g|因我镇未收到申请，也没有发生因政府信息公开引起的行政复议和行政诉讼，未收取任何费用。
H s4|四、存在的问题和下步打算
N prob g|我镇信息公开工作还存在不足，主要是：一是镇里没有专职人员，信息员是党政办的同志兼任，平时事情多，信息上传不够及时；二是公开的内容主要是上级要求公开的，群众想了解的东西公开得还不多；三是村务公开栏有的村更新慢，内容不全。
N imp|下步打算：明年将把信息公开工作列入镇党政班子会议每季度研究一次，再配备1名年轻同志专门负责网站信息上传，督促各村每月⏎更新一次公开栏，做到群众关心什么就公开什么。
M nb|白沙镇人民政府
M|2020年1月15日
"""))

REPORTS.append(dict(
    doc_id="R03", agency="河坝乡人民政府", year=2021, template="2021", level="township", province="四川",
    title="河坝乡人民政府2021年政府信息公开工作年度报告", format="docx",
    page="docx; headings as plain text (not bold); the preamble copied from another township's report keeps "
         "that township's name (高桥乡); subsection （二）依申请公开 has no text under it; the two paragraphs under "
         "（一） are one Word paragraph split by a soft line break, one paragraph broken mid-sentence; tables as "
         "tab-separated paragraphs; a closing sentence without its full stop",
    tables={"active": ((0, 0, 0), (0, 0, 0), 0, 0, 0, 0), "requests": {"data": {}}, "review": {}},
    body="""
H|河坝乡人民政府2021年政府信息公开工作年度报告
N oth|本报告是根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，由高桥乡人民政府编制。报告中所列数据统计期限自2021年1月1日起至2021年12月31日止。如对本报告有疑问，请与河坝乡党政办公室联系（电话：0839-5521036）。
H s1|一、总体情况
N oth g|2021年，我乡在县委、县政府的领导下，认真落实政务公开各项工作要求，以公开促落实、以公开促服务，全年信息公开工作有序开展。
H|（一）主动公开
N act j|全年在县政府网站河坝乡专栏发布信息187条，其中工作动态96条、通知公告41条、财政信息12条、乡村振兴相关信息38条。
N act|在乡村两级公开栏公开低保、特困、临时救助、耕地地力保护补贴等惠民资金发放信息26期，涉及群众2100余人次。
H|（二）依申请公开
H|（三）政府信息管理
N man|严格执行信息发布“三审三校”制度，信息由经办人起草、分管领导审核、乡长签发后才上网，今年对照县里下发的乡镇标准目录，把我乡的公开目录重新梳理了一遍，目录⏎事项由原来的38项调整为45项。
H|（四）平台建设
N plat|乡政府网站专栏由县政务服务和大数据中心统一运维，我乡负责内容保障；乡政务微信公众号“河坝之声”全年推送信息152条，关注人数达到4300人。另外在乡便民服务中心设立了政府信息公开查阅点，配备电脑一台。
H|（五）监督保障
N org|乡里成立了由乡长任组长的政务公开领导小组，党政办具体负责，年内召开专题会议2次，派员参加县里组织的政务公开培训3人次，把政务公开纳入对村（社区）年度目标考核。
H s2|二、主动公开政府信息情况
T|active
H s3|三、收到和处理政府信息公开申请情况
T|requests
H s4|四、政府信息公开行政复议、行政诉讼情况
T|review
H s5|五、存在的主要问题及改进情况
N prob g|存在的问题：一是信息发布的质量还不高，主要是会议和活动的动态多，政策和办事的内容少；二是工作人员都是兼职，对条例学得不深，业务不熟。
N imp|改进情况：针对去年报告中指出的公开栏更新慢的问题，今年已落实由村文书每月5日前更新一次，乡党政办抽查。下一步将增加政策类、办事类信息的比重，参加县里的业务培训，提高兼职人员的业务能力。
H s6|六、其他需要报告的事项
N app g|本年度我乡未收取信息处理费。
N oth g|本年度我乡无其他需要报告的事项
M|河坝乡人民政府
M|2022年1月18日
"""))

REPORTS.append(dict(
    doc_id="R04", agency="永安街道办事处", year=2022, template="2021", level="township", province="河北",
    title="永安街道办事处2022年政府信息公开工作年度报告", format="txt", encoding="gb18030", spaced=True,
    crlf=True, blank="none",
    page="txt, GB18030, CRLF, pasted from a Word file; no blank lines; table rows space-aligned; heading 一 "
         "run on into one long paragraph that carries the whole overview; 五 printed before 四; the requests "
         "table lacks the row 三（五）4 (无正当理由大量反复申请); one paragraph broken mid-sentence",
    tables={"active": ((0, 0, 0), (0, 0, 0), 0, 0, 0, 0),
            "requests": {"data": {"new_received": [2, 0, 0, 0, 0, 0], "granted": [1, 0, 0, 0, 0, 0],
                                  "unavailable_not_held": [1, 0, 0, 0, 0, 0]},
                         "missing": ("not_processed_mass_repeat",)},
            "review": {}},
    body="""
H|永安街道办事处2022年政府信息公开工作年度报告
N oth g|根据《中华人民共和国政府信息公开条例》规定和县政府办公室的要求，现将永安街道2022年政府信息公开工作情况报告如下，本报告统计期限为2022年1月1日至12月31日。
N s1 act m u=oth|一、总体情况  2022年永安街道办事处坚持以公开为常态、不公开为例外，围绕疫情防控、老旧小区改造、社区治理等重点工作，全面推进政务公开，全年通过县政府网站街道专栏、“永安e家”公众号、各社区公开栏公开信息共计612条，其中疫情防控信息203条，街道成立了由主任任组长的政务公开工作领导小组，明确党政综合办公室为具体承办科室，配备专（兼）职工作人员2名，对拟公开信息实行“三审”，全年没有发生泄密、失密的情况。
N act|（一）主动公开。街道主动公开涉及居民切身利益的事项，在辖区5个社区公开栏及时公示低保、高龄津贴、临时救助等民生信息48期，老旧小区改造涉及的3个小区的改造内容、⏎施工单位和工期全部在小区门口张贴公示，接受居民监督。
N app|（二）依申请公开，全年收到政府信息公开申请2件，均为自然人申请，申请内容为房屋征收补偿相关信息，予以公开1件，另1件经查属于本机关不掌握的信息，已告知申请人向县房屋征收部门申请，均在法定期限内答复，未发生行政复议和行政诉讼。
N man m|（三）政府信息管理和平台建设，落实信息发布审核制度，街道发布的信息由科室负责人初审、分管领导复审、党政综合办公室终审后发布，同时做好街道专栏的日常维护，对“永安e家”公众号进行了改版，增设“社区通知”“办事指南”两个栏目。
N org g|（四）监督保障，把政务公开工作列入街道年度重点工作，年初部署，年中调度，年底考核，并邀请居民代表对街道政务公开工作进行评议。
H s2|二、主动公开政府信息情况
T|active
H s3|三、收到和处理政府信息公开申请情况
T|requests
H s5|五、存在的主要问题及改进情况
N prob m|一是部分社区公开栏内容更新不及时，个别栏目还是上半年的内容；二是政策解读偏少，全年只发布解读材料3篇。针对这些问题，街道将把公开栏更新纳入社区月度考核，明年计划每个季度至少发布1篇政策解读。
N imp g|下一步，永安街道将继续按照上级要求，不断提高政务公开工作水平，让群众更好的了解街道工作。
H s4|四、政府信息公开行政复议、行政诉讼情况
T|review
H s6|六、其他需要报告的事项
N app g|本年度未收取任何信息处理费用。
M|永安街道办事处
M|2023年1月12日
"""))
