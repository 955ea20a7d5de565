"""Write qualgraph's bundled, sourced data (``data/``) and the illustrative AQRF example.

Why a script: some 150 levels and 100 correspondences must use exactly the IRIs that
``qualgraph.ids`` builds, and each fact must carry the URL it was read from. Keeping the facts here
as small tables, and generating the Turtle and CSV files from them, keeps the IRIs consistent and
the sources attached. Every fact below comes from the project's reference notes (domain facts,
frameworks, NQF-EQF referencing, AQRF referencing status, QDR vocabulary IRIs); each carries the
URL(s) those notes give. Nothing marked unconfirmed there is written as an accepted decision.

Run from the repository root:  .venv/bin/python scripts/build_bundled_data.py
The script checks that every file it writes parses back to exactly the graph it built.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from qualgraph import ids  # noqa: E402
from qualgraph.vocab import QG, QGID, QGR, QGS  # noqa: E402

DATA = ROOT / "data"
EXAMPLE = ROOT / "examples" / "illustrative-aqrf"

# --------------------------------------------------------------------------------------------
# Sources (URLs exactly as the reference notes give them)
# --------------------------------------------------------------------------------------------

ELM_COMMIT = "9d7c5d22002237c3afeb1750b7038e6fe2cdd371"
ELM_NQF_XSD = f"https://github.com/european-commission-empl/European-Learning-Model/blob/{ELM_COMMIT}/xsd/loq/cv/nqf.xsd"
ELM_EQF_XSD = f"https://github.com/european-commission-empl/European-Learning-Model/blob/{ELM_COMMIT}/xsd/loq/cv/eqf.xsd"

# AQRF / ASEAN
MQA_AQRF = "http://www2.mqa.gov.my/myaqrf/ref_to_aqrf.cfm"
MQA_AQRF_HTTPS = "https://www2.mqa.gov.my/myaqrf/ref_to_aqrf.cfm"
AANZFTA_AQRF_2016 = "https://aanzfta.asean.org/news-events/media-releases/p2016/asean-qualifications-reference-framework-aqrf"
AQRF_GOVERNANCE = "https://vdocuments.us/asean-qualifications-reference-framework-a-uploads-a-2017-a-03-a-ed-02-asean-qualifi.html"
AQRF_TEXT_COPY = "https://th4.ilovetranslation.com/YppIfmztBBb=d"
# The AQRF document's own address, as the ASEAN Secretariat's presentation 'Overview of AQRF Referencing' (Services and
# Investment Division, Jakarta, 13 December 2016) names it ('AQRF http://aanzfta.asean.org/uploads/docs/AQRF/
# ASEAN_Qualifications_Reference _Framework_January_2016.pdf', wrapped over two lines); the presentation, which also
# lists the two domains ('Level Descriptors: Knowledge and Skills, Application and Responsibility'), was read only in a
# 123dok copy, and the document itself only in copies (AQRF_TEXT_COPY, AQRF_GOVERNANCE) (issue 14).
AQRF_DOC_2016 = "http://aanzfta.asean.org/uploads/docs/AQRF/ASEAN_Qualifications_Reference_Framework_January_2016.pdf"
ASEAN_SID_2016_COPY = "https://text-id.123dok.com/document/y80l9x0q-2-asean-presentation-on-aqrf-referencing.html"
# Brunei's BDNAC: the AQRF's endorsements (AEM Aug 2014, ASED Sept 2014, ALMM ad-referendum Nov 2014 - May 2015) and the
# Governance and Structure document's (ALMM and ASED May 2016, AEM Aug 2016), which established the AQRF Committee.
BN_BDNAC_AQRF = "https://bdnac.moe.gov.bn/?page_id=1402"
# Thailand's Ministry of Education, news of 29 November 2019: the final referencing reports of the Philippines and
# Malaysia 'ได้รับการรับรองจาก AQRF Committee ในการประชุมคณะกรรมการฯ ครั้งที่ ๖ เมื่อเดือนพฤษภาคม ๒๕๖๒ ณ
# สาธารณรัฐประชาธิปไตยประชาชนลาว' (endorsed by the AQRF Committee at its 6th meeting, May 2019, in Lao PDR).
TH_MOE_AQRF_2019 = ("https://www.moe.go.th/%E0%B9%80%E0%B8%9C%E0%B8%A2%E0%B8%84%E0%B8%A7%E0%B8%B2%E0%B8%A1"
                    "%E0%B8%81%E0%B9%89%E0%B8%B2%E0%B8%A7%E0%B8%AB%E0%B8%99%E0%B9%89%E0%B8%B2%E0%B8%81%E0%B8%A3"
                    "%E0%B8%AD%E0%B8%9A%E0%B8%84%E0%B8%B8%E0%B8%93-2/")
# ONEC's news of the 3rd AQRF Committee meeting (Kuala Lumpur, 14-16 November 2017), where Thailand, Malaysia and the
# Philippines presented their referencing against criteria 1-3.
TH_ONEC_AQRF_2017 = "http://www.onec.go.th/index.php/page/view/Newseducation/2948"
AANZFTA_REVIEW_2018 = "https://aanzfta.asean.org/news-events/media-releases/media-releases-2018/aqrf-committee-commences-formal-review-of-the-draft-aqrf-referencing-reports"
AANZFTA_REPORTS_2019 = "https://aanzfta.asean.org/media-releases/two-pioneering-referencing-reports-completed-for-comparison-of-education-qualification-under-aqrf"
PQF_PH_HOME = "https://pqf.gov.ph"
PQF_PH_LEVELS = "https://pqf.gov.ph/Home/Details/7"
PH_REPORT = "https://fdocuments.us/document/aqrf-referencing-report-of-the-philippines-a-nc-national-certification-ncbts.html"
TESDA_2019 = "https://www.tesda.gov.ph/News/Details/17922"
DOLE_2020 = "http://ble.dole.gov.ph/index.php/9-home-page-articles/273-dole-participates-in-the-first-virtual-asean-qualifications-reference-framework-committee-meeting-and-workshop"
MY_REPORT = "https://vdocuments.net/aqrf-referencing-report-of-malaysia-final-12-malaysian-education-and-training.html"
MQF_PAGE = "http://www2.mqa.gov.my/mobile/mqf.html"
# The MQF's Malay name, 'Kerangka Kelayakan Malaysia', in the Malay glossary of MQA's Malaysian Qualifications Register
# (issue 14).
MQA_GLOSARI_MS = "https://www2.mqa.gov.my/mqr/Glosari.cfm"
MQF_DOC = "https://documents.pub/document/malaysian-qualifications-framework-mqf-a-pv4-a-document-a-mqf-a-2019-a.html"
ID_REPORT_V02 = "https://scribd.com/document/527767669/INDONESIA-Referencing-Report-VER-02-AGT-2019"
ID_REPORT_ENDORSED = "https://www.scribd.com/document/604330650/INDONESIA-Referencing-Report-FinalEndorsed-JUNE-2020"
ID_ANTARA_2019 = "https://sumsel.antaranews.com/nasional/berita/1134799/indonesia-samakan-kerangka-kualifikasi-profesi-dengan-asean"
KKNI_DATAREF = "https://github.com/gentong32/dataref/blob/a6ec7bddcd2d5eddfad14e522419b60629dba098/app/Views/pustaka/kkni.php"
KKNI_UNIB = "https://science.unib.ac.id/bm/?p=137416"
KKNI_123DOK = "https://text-id.123dok.com/document/dzxxvnv4z-rationale-of-iqf-structure-of-the-iqf.html"
TH_REPORT = "https://dokumen.tips/documents/aqrf-referencing-report-of-thailand-thailand-proposed-to-pilot-the-referencing-process.html"
TH_TQF = "https://www.slideshare.net/boatcool/tqf-81454234"
# OHEC's international site names 'The Thai Qualifications Framework for Higher Education' (stored to its first
# paragraph, before the levels); a journal abstract (ThaiJo) gives the same six levels and five domains as the deck.
TH_OHEC_TQF = "http://inter.mua.go.th/qa-tqf/"
TH_TQF_THAIJO = "https://so03.tci-thaijo.org/index.php/jssr/article/view/245256"
# The Office of the Education Council (ONEC, Ministry of Education): its news of 5 February 2018 on the first meeting of
# the subcommittee 'เทียบเคียงกรอบคุณวุฒิแห่งชาติกับกรอบคุณวุฒิอ้างอิงอาเซียนของประเทศไทย' (referencing Thailand's national
# qualifications framework to the ASEAN Qualifications Reference Framework), which gives both names in Thai (issue 14).
TH_ONEC_2018 = "http://www.onec.go.th/index.php/page/view/Newseducation/3033"
VN_DECISION = "https://vanbanphapluat.co/decision-1982-qd-ttg-approval-for-vietnamese-qualifications-framework"
# The Directorate of Vocational Education and Training (MOLISA): 'The Vietnam's National Qualification Framework (NQF)
# was approved by the Prime Minister under Decision No. 1982/QD-TTg dated October 18, 2016.' (no level list).
VN_GDNN_2022 = "http://en.gdnn.gov.vn/infomation/news/gdvt-news/2022/11/362.aspx"
VN_LAWNET = "https://lawnet.vn/giao-duc/en/vietnamese-national-qualifications-framework-how-many-levels-does-it-include-18477.html"
VN_NHANDAN = "https://en.nhandan.vn/society/item/4751802-national-qualification-framework-approved.html"
VN_AQRF_2025 = "https://www.vietnam.vn/en/cong-bo-bao-cao-tham-chieu-khung-trinh-do-quoc-gia-viet-nam-voi-khung-tham-chieu-asean"
VN_LAODONG_2025 = "https://news.laodong.vn/giao-duc/viet-nam-vao-nhom-cac-quoc-gia-co-he-thong-giao-duc-tien-tien-trong-khoi-asean-1627921.ldo"
LA_LNQF = "https://vdocuments.mx/the-development-of-educational-quality-assurance-framework-diploma-cert-nqf.html"
BN_BDNAC = "https://bdnac.moe.gov.bn/?page_id=7006"
BN_BTARCHIVE = "https://btarchive.org/news/national/2013/12/15/national-qualifications-framework-formed"
KH_CQF = "http://docplayer.net/21248859-Cambodia-1-challenges-that-the-nqf-would-need-to-address-2-m-ain-policy-objectives.html"
SHARE_AQRF = "http://share-asean.eu/activities/qualifications-reference-frameworks/"

# Europe
EURLEX_EQF_2017 = "http://eur-lex.europa.eu/legal-content/AUTO/?uri=CELEX:32017H0615(01)"
# The EQF's name in other languages of its member countries (issue 14), each in the nominative on an official page:
# German, the Polish ministry's German page on the EQF (heading 'Europäischer Qualifikationsrahmen für lebenslanges
# Lernen (EQR)'); French, the EU's summary of the Recommendation ('un cadre de référence commun, le Cadre européen des
# certifications (CEC)') and Europass's French page on the EQF ('le cadre européen des certifications (CEC)'); Polish,
# the Integrated Qualifications System's portal ('Polska Rama Kwalifikacji (PRK), podobnie jak Europejska Rama
# Kwalifikacji (ERK), składa się z ośmiu poziomów').
EQF_NAME_DE = "https://prk.men.gov.pl/de/europaeischer-qualifikationsrahmen-fuer-lebenslanges-lernen-eqr/"
EQF_NAME_FR = ("http://europa.eu/legislation_summaries/internal_market/living_and_working_in_the_internal_market/"
               "c11104_fr.htm")
EQF_NAME_FR_EUROPASS = "https://europass.europa.eu/fr/outils-europass/le-cadre-europeen-des-certifications"
EQF_NAME_PL = "http://www.kwalifikacje.gov.pl/polska-rama-kwalifikacji"
CTDL_EQF_JSON = "https://github.com/CredentialEngine/Schema-Development/blob/765829129bb0105356611280aa683be194de9beb/QualificationsFramework/Examples/EQF.json"
CTDL_SCQF_JSON = "https://github.com/CredentialEngine/Schema-Development/blob/3caec4d8dce396f475cb27ceb43086658f273a31/QualificationsFramework/Examples/scqf.json"
QQI_NFQ = "https://www.qqi.ie/what-we-do/the-qualifications-system/national-framework-of-qualifications"
# QQI's page 'NFQ grid of level indicators': the grid's strands (knowledge; know-how & skill; competence) and their eight
# sub-strands, each level's indicators given sub-strand by sub-strand. Its text names no level: the blocks follow one
# another from level 1 up, and only the first two blocks were read whole (the third stops in its 'Range' cell).
QQI_NFQ_GRID = "https://qqi.ie/grid-level-indicators"
IE_REPORT = "https://vdocument.in/nfq-irish-nfq-to-the-european-qf-fornfq-grid-of-level-indicators-119-contents.html"
# Cedefop's news: 'Ireland is the first country to have finalised, well before the target date, its referencing report,
# which explains how national qualifications levels are linked to the EQF.'
IE_REPORT_CEDEFOP = "https://www.cedefop.europa.eu/mt/news/ireland-toward-eu-wide-transparency-qualifications"
# The Irish NFQ's major award types (issue 14), each recorded only at a level an Irish state page read states for it:
# QQI's news on the two NFQ Level 6 awards ("There are separate further and higher education awards at NFQ Level 6 -
# the Advanced Certificate (FE) and the Higher Certificate (HE)."); the Leaving Certificate's record in QQI's NARIC
# database, qsearch.qqi.ie ("Irish NFQ Award Class: Leaving Certificate", "Irish NFQ Level: 4 / 5"; "Leaving
# Certificate and its various programmes is placed at Levels 4 and 5"); the written answer of the Minister for Further
# and Higher Education, Research, Innovation and Science in the Dáil, 20 January 2021 ("An Honours Bachelor Degree is
# classed as a Level 8 on the NFQ." ... "A Higher Diploma is also classed as a Level 8 on the NFQ."). nfq.ie's
# "Framework Levels & Award Types" page names the Leaving Certificate, the Advanced Certificate and the Honours
# Bachelor Degree as major awards, but no level, so it is not cited for a level.
QQI_NFQ_LEVEL6_NEWS = "https://www.qqi.ie/news/comparing-nfq-level-6-awards-in-higher-and-further-education-and-training"
QQI_NARIC_LEAVING_CERT = "https://qsearch.qqi.ie/WebPart/RecognitionDetails?recognitionCode=957"
OIREACHTAS_WA_2021_01_20 = "https://www.oireachtas.ie/en/debates/question/2021-01-20/401/"
SCQF_WIKI = "https://en.wikipedia.org/wiki/Scottish_Credit_and_Qualifications_Framework"
SCQF_REREFERENCING = "https://fdocuments.net/document/referencing-the-scottish-credit-qualifications-framework-2020-6-29-referencing.html"
RQF_MDWIKI = "https://mdwiki.org/wiki/Regulated_Qualifications_Framework"
RQF_ISSE = "https://www.isse.org.uk/index.php/education_and_training/RQF_level_descriptors"
LEAFLET_QCF = "https://www.yumpu.com/en/document/view/26544243/qualifications-can-cross-boundaries-leaflet-scottish-credit-and-"
LEAFLET_QCF_COPY = "https://abcdocz.com/doc/369190/qualifications-can-cross-boundaries"
LEAFLET_RQF = "https://docslib.org/doc/5620981/qualifications-can-cross-boundaries"
PEARSON_SCQF = "http://qualifications.pearson.com/en/support/support-topics/understanding-our-qualifications/frameworks-scqf.html/Teacher"
TOTAL_LAW_NFQ = "https://total.law/blog/national-framework-of-qualifications/"
# The leaflet's official pages: the Welsh Government's page of the July 2011 (QCF) edition, and the SCQF
# Partnership's page for the leaflet it updates every year (the later, RQF editions). Table 1 was read in
# the copies above (LEAFLET_QCF, LEAFLET_QCF_COPY, LEAFLET_RQF), which are kept as prov:wasDerivedFrom.
LEAFLET_WG_2011 = ("http://wales.gov.uk/topics/educationandskills/qualificationsinwales/creditqualificationsframework/"
                   "publications/comparingqualificationsguide/?skip=1&lang=en")
SCQF_EUROPEAN_TOOLS = "https://scqf.org.uk/services-partnerships/international-european-tools-and-projects/european-tools/"
# The Welsh Government's Welsh page of the CQFW: 'Fframwaith Credydau a Chymwysterau Cymru', acronym 'FfCChC' (issue 14).
CQFW_WG_CY = "http://gov.wales/topics/educationandskills/qualificationsinwales/creditqualificationsframework/?skip=1&lang=cy"
SCQF_REREFERENCING_NEWS = "https://scqf.org.uk/news-blog/posts/2019/june/update-of-the-referencing-of-the-scqf-to-the-eqf/"
DQR_FAQ = "https://dqr.de/dqr/de/der-dqr/faq/faq_node.html"
DQR_IHK = "https://www.weiterbildung-detmold.ihk.de/service/dqr-4972340"
INSEE_NIVEAUX = "https://insee.fr/fr/metadonnees/definition/c2296"
AEF_2019 = "https://www.aefinfo.fr/depeche/599186-ce-que-prevoient-les-textes-relatifs-au-nouveau-cadre-des-certifications-professionnelles-publies-au-journal-officiel"
ATHEME = "https://atheme-formation.fr/?p=3178"

# More European frameworks referenced to the EQF. Each decision rests on a page of the national coordination point,
# the ministry or the EU (Cedefop, Eurydice, Europass) that states the level-to-level link in words or in a table; equal
# level counts alone are never taken as evidence.
# Austria: the NQR register (run by the NQR coordination point), and the Ministry's university report on the NQR Act.
AT_NQR_DESCRIPTORS = "https://www.qualifikationsregister.at/der-nqr/deskriptoren/"
AT_NQR_ZUORDNUNGEN = "https://www.qualifikationsregister.at/en/nqr-register/nqr-zuordnungen/"
AT_UNIBERICHT_NQR = "https://unibericht.bmbwf.gv.at/2020/251"
AT_REPORT_COPY = ("https://docslib.org/doc/6794612/austrian-eqf-referencing-report-table-of-contents-i-tables-and-"
                  "figures-iv-list-of-abbreviations-v-preface-preamble-viii")
# Estonia: the Estonian Qualifications Authority (Kutsekoda), the Ministry of Education and Research, Cedefop's timeline
# of VET policies, Eurydice, and Europass's comparison of Ireland's and Estonia's frameworks (EQF rows 8, 7 and 6).
EE_KUTSEKODA = "https://kutsekoda.ee/en/?p=1744"
EE_HM = "https://www.hm.ee/en/activities/qualifications/qualifications-framework"
EE_CEDEFOP_TIMELINE = "https://www.cedefop.europa.eu/hr/tools/timeline-vet-policies-europe/search/28168"
EE_EURYDICE = "https://eurydice.eacea.ec.europa.eu/national-education-systems/estonia/national-qualifications-framework"
# The framework's Estonian name, 'Eesti kvalifikatsiooniraamistik (EKR)', on the Ministry's Estonian page and the Estonian
# Qualifications Authority's (issue 14: names in the frameworks' own languages).
EE_HM_ET = "https://hm.ee/et/tegevused/kvalifikatsioonid/kvalifikatsiooniraamistik"
EE_KUTSEKODA_ET = "https://www.kutsekoda.ee/eesti-kvalifikatsiooniraamistik/"
# The Estonian Qualifications Authority's older site (vana.kutsekoda.ee), its page 'Tasemekirjeldused': the level
# descriptions of the framework ('Kvalifikatsiooniraamistiku tasemete kirjeldused määratlevad haridussüsteemi
# õpitulemuste ja kutsete süsteemi kutsetasemete üldnõuded'), a table with the columns 'Teadmised (eristatakse
# teoreetilised ja faktiteadmised', 'Oskused (eristatakse kognitiivseid: ... ja praktilisi oskusi ...)' and 'Vastutuse ja
# iseseisva tegutsemise ulatus', a row per level (issue 14: the EstQF level descriptors). The stored page was read whole
# for the rows '1. tase' to '4. tase'; it stops in the '5. tase' row's Oskused cell.
EE_KUTSEKODA_TASEMED = "https://vana.kutsekoda.ee/et/kvalifikatsiooniraamistik/ekr_tutvustus/Tasemekirjeldused"
EUROPASS_IE_EE = ("https://europass.europa.eu/en/compare-qualifications?field_eqf_selection_target_id=undefined"
                  "&field_location_selection_target_id%5B6065%5D=6065&field_location_selection_target_id%5B6072%5D=6072")
# Netherlands: the NLQF national coordination point, and Nuffic (the Dutch ENIC-NARIC) with its table of Dutch diplomas
# and their NLQF and EQF levels; a training provider's page gives the same table (rdfs:seeAlso).
NLQF_NL = "https://nlqf.nl/"
NLQF_EN = "http://nlqf.nl/english"
NUFFIC_NL_DIPLOMAS = "https://www.nuffic.nl/onderwijssystemen/nederland/overzicht-nederlandse-diplomas"
NUFFIC_NL_FRAMEWORKS = "https://www.nuffic.nl/en/education-systems/netherlands/qualification-frameworks"
AERTES_NLQF = "https://www.aertes.com/eqf-en-nlqf-het-europees-kwalificatieraamwerk"
# Portugal: the Directorate-General for Higher Education (DGES) and Cedefop's country report.
PT_DGES = "http://dges.gov.pt/en/pagina/national-qualifications-frameworkeuropean-qualifications-framework"
PT_CEDEFOP = "https://www.cedefop.europa.eu/en/tools/nqfs-online-tool/countries/portugal-2022"
# The framework's Portuguese name, 'Quadro Nacional de Qualificações (QNQ)', on the pages of ANQEP (the National Agency
# for Qualification and Vocational Education and Training) and its catalogue of qualifications (issue 14).
PT_ANQEP = "https://anqep.gov.pt/np4/Instrumentos_do_Sistema_Nacional_de_Qualificacoes.html"
PT_ANQEP_CATALOGO = "http://www.catalogo.anqep.gov.pt/Home/QNQ"
# Sweden: Eurydice, the Swedish National Agency for Higher Vocational Education (MYH, the NCP) and Eurydice's news.
SE_EURYDICE = "https://eurydice.eacea.ec.europa.eu/national-education-systems/sweden/national-qualifications-framework"
SE_MYH = "https://www.myh.se/in-english/seqf"
SE_EURYDICE_NEWS = "https://eurydice.eacea.ec.europa.eu/news/sweden-national-qualifications-framework-introduced"
# MYH's Swedish SeQF page: 'Sveriges referensram för kvalifikationer för livslångt lärande (SeQF)' (issue 14).
SE_MYH_SV = "https://www.myh.se/Verksamhetsomraden/SeQF/"
# Cyprus: the CyQF's diagram on the site of the Cyprus Qualifications Framework Committee (cyqf.gov.cy), in English and
# Greek (the Greek page's text gives the whole table: NQF levels 1-8 with sub-levels 5a-5c and 7a-7c, and an EQF column),
# and Cedefop's country report (the framework was approved on the EQF's eight levels in 2012; design and referencing to
# the EQF finalised in 2017).
CY_DIAGRAM_EN = "http://cyqf.gov.cy/index.php/en/diagram"
CY_DIAGRAM_EL = "https://cyqf.gov.cy/index.php/el/diagramma"
CY_CEDEFOP = "https://www.cedefop.europa.eu/tools/nqfs-online-tool/countries/cyprus-2022"
# Lithuania: the Ministry of Education, Science and Sport ("Lietuvos kvalifikacijų sandara atitinka ... rekomendaciją ...
# ir joje nustatytus 8 kvalifikacijų sąrangos lygius"), the Qualifications and VET Development Centre (KPMPC, the NCP),
# Cedefop's news of the updated referencing report (2024) and its country report (the LTQF adopted on 4 May 2010).
LT_SMSM = "https://smsm.lrv.lt/lt/veiklos-sritys-1/smm-studijos/kvalifikaciju-sandara/"
LT_KPMPC = "https://www.kpmpc.lt/kpmpc/en/information/qualifications-framework-2/"
LT_KPMPC_LT = "http://www.kpmpc.lt/kpmpc/kvalifikaciju-formavimas/kvalifikaciju-sandara/lietuvos-kvalifikaciju-sandara/"
LT_CEDEFOP_NEWS = ("https://www.cedefop.europa.eu/ro/news/publication-updated-report-referencing-lithuanian-framework-eqf-"
                   "and-qf-ehea")
LT_CEDEFOP = "https://www.cedefop.europa.eu/tools/nqfs-online-tool/countries/lithuania-2024"
# Switzerland: the State Secretariat for Education, Research and Innovation (SERI, sbfi.admin.ch; the NCP): its EQF
# page ("The eight levels of the NQF VPQ are perfectly aligned with all eight levels of the EQF"), its NQF VPQ page and
# FAQ, and Cedefop's country reports (the German name; the Regulation in force since 1 October 2014). The referencing
# report itself was not read (only a mirror's title page, on a host qualgraph does not list as a copy, so not recorded).
CH_SERI_EQF = "https://www.sbfi.admin.ch/en/the-european-qualifications-framework"
CH_SERI_NQF = "https://www.sbfi.admin.ch/en/national-qualifications-framework-for-vocational-and-professional-qualifications-nqf-vpq"
CH_SERI_FAQ = "https://www.sbfi.admin.ch/en/faq-national-qualifications-framework-for-vocational-and-professional-qualifications"
CH_CEDEFOP_2020 = "https://www.cedefop.europa.eu/en/tools/nqfs-online-tool/countries/switzerland-2020"
CH_CEDEFOP_2024 = "https://www.cedefop.europa.eu/tools/nqfs-online-tool/countries/switzerland-2024"
# SERI's German page 'Die Niveaustufen des NQR Berufsbildung': a short description of each of the eight levels ('Niveau
# 1' ... 'Niveau 8'), followed by 'Die ausführliche Beschreibung der Niveaustufen findet sich im Anhang der Verordnung über
# den nationalen Qualifikationsrahmen für Abschlüsse der Berufsbildung' (issue 14). Read whole; the ordinance's annex
# (Kenntnisse, Fertigkeiten, Kompetenzen) was not read: the stored copies of the ordinance stop in its articles.
CH_SERI_LEVELS_DE = "http://www.sbfi.admin.ch/sbfi/de/home/bildung/mobilitaet/nqr/niveaus.html"
# Iceland: ENIC/NARIC Iceland's ISQF page, a table of ISQF levels, their descriptors and an EQF column (read for ISQF
# 7, 6.2, 6.1, 5.2 and 5.1 only), and the Ministry's referencing report, read only in copies (title pages: May 2013;
# the published edition, March 2014).
IS_ENIC_ISQF = "https://english.enicnaric.is/isqf.html"
IS_CEDEFOP = "https://www.cedefop.europa.eu/en/tools/nqfs-online-tool/countries/iceland-2022"
IS_REPORT_COPY = "https://docslib.org/doc/388329/reference-report-of-the-icelandic-qualifications-framework-isqf-to"
IS_REPORT_2013_COPY = "http://studylib.net/doc/7110088/reference-report-of-the-icelandic-qualifications-framework"
# The framework's Icelandic name: the Government Gazette (Stjórnartíðindi, B-deild), advertisement no. 400/2021 of 6 April
# 2021, 'AUGLÝSING um útgáfu hæfniramma um íslenska menntun' ("Hæfnirammi um íslenska menntun telur sjö hæfniþrep ...");
# the Directorate of Education's page on the framework (mms.is) (issue 14).
IS_GAZETTE_2021 = "https://www.stjornartidindi.is/Advert.aspx?RecordID=c5dd71f1-4715-469c-8795-f24f50dfe4db"
IS_MMS = "https://mms.is/node/3679"
# Greece: the HQF's site (nqf.gov.gr, run by EOPPEP, the national coordination point), whose table of the eight levels
# heads its level column 'LEVELS OF HELLENIC & EUROPEAN QUALIFICATIONS FRAMEWORK' (one number for both frameworks), and
# its page on the EQF; Cedefop's news (the Greek referencing report approved by the EQF Advisory Group in December
# 2015); Eurydice's Greek page (the framework's Greek name, 'Εθνικό Πλαίσιο Προσόντων'). The referencing report was read
# only in a copy of its title page and contents (November 2016 edition).
GR_NQF_LEVELS = "https://www.nqf.gov.gr/en/index.php/ta-8-epipeda"
GR_NQF_EQF = "https://nqf.gov.gr/en/index.php/europaiko-plaisio-prosonton"
GR_NQF_HQF = "https://nqf.gov.gr/en/index.php/ethniko-plaisio-prosonton"
GR_CEDEFOP_NEWS = "https://www.cedefop.europa.eu/mt/news-and-press/news/greece-hellenic-qualifications-framework-developments"
GR_CEDEFOP = "https://www.cedefop.europa.eu/tools/nqfs-online-tool/countries/greece-2022"
GR_EURYDICE_EL = "https://eurydice.eacea.ec.europa.eu/el/national-education-systems/greece/ethniko-plaisio-prosonton"
GR_PLOTEUS_GYMNASIO = "https://ec.europa.eu/ploteus/en/content/lower-secondary-school-certificate-apolytirio-gymnasiou"
GR_REPORT_COPY = "https://ru.scribd.com/document/438224104/Greek-Referencing-Report-2016"
# EOPPEP's HQF site (proson.eoppep.gr, the Hellenic Qualifications Framework's register, run by EOPPEP, the national
# coordination point): its English page 'HQF Levels', a table 'Learning Outcomes' with the columns 'Level', 'Knowledge',
# 'Skills', 'Competence' (issue 14: the HQF level descriptors). The stored page was read whole for rows 1-3; row 4 stops
# in its 'Skills' cell.
GR_EOPPEP_HQF_LEVELS = "https://proson.eoppep.gr/en/HQFLevels"
# Slovenia: the SQF portal of the national coordination point (nok.si, run by CPI, the Institute of the Republic of
# Slovenia for VET): its Slovene page 'O Slovenskem ogrodju kvalifikacij (SOK)', a table of typical qualifications with
# the columns 'SOK raven', 'EOK raven' and 'EOVK raven' (read for its rows SOK 1-6 only), and its English home page, whose
# level headings read 'SQF level 1 / EQF level 1' and 'SQF level 2 / EQF level 2' (the later headings were not read);
# CPI's SOK page; Eurydice; Cedefop's country report. The referencing report was read only in copies of its title pages.
SI_NOK_SOK = "https://www.nok.si/o-slovenskem-ogrodju-kvalifikacij-sok"
SI_NOK_EN = "http://www.nok.si/en/"
# nok.si's Slovene home page, the scheme of typical qualifications followed by the SQF level descriptors of each level,
# 'SOK raven 1 / EOK raven 1' with the headings 'Znanje', 'Spretnosti', 'Kompetence' (issue 14: the SQF level
# descriptors). Read whole for level 1; the stored page stops in the level 2 'Kompetence' text. The English home page
# (SI_NOK_EN) gives the same blocks in English ('Knowledge', 'Skills', 'Competences'), stored to the level 2 'Skills' text.
SI_NOK_HOME = "http://www.nok.si/"
SI_CPI_SOK = "https://cpi.si/razvoj-kvalifikacij/slovensko-ogrodje-kvalifikacij/"
SI_EURYDICE = "https://eurydice.eacea.ec.europa.eu/national-education-systems/slovenia/national-qualifications-framework"
SI_CEDEFOP = "https://www.cedefop.europa.eu/cs/tools/nqfs-online-tool/countries/slovenia-2024"
SI_REPORT_COPY = "https://vdocument.in/final-report-slovenia-europa-1-slovenia-presented-its-report-areferencing.html"
SI_REPORT_COPY_2 = ("https://pdfslide.us/download/link/final-report-slovenia-europa-1-slovenia-presented-its-report-"
                    "areferencing.html")
# Italy: the inter-ministerial decree of 8 January 2018 establishing the Quadro nazionale delle qualificazioni (QNQ), in the
# Gazzetta Ufficiale (n. 20 of 25 January 2018), whose Art. 3(2) reads 'ciascuno degli otto livelli del QNQ trova
# corrispondenza nel livello omologo del Quadro europeo delle qualifiche'; Cedefop's country report (the QNQ adopted by
# the inter-ministerial decree No 20/2018; the updated referencing report adopted by an inter-ministerial decree in 2023);
# INAPP, the EQF national coordination point (the QNQ established in 2018 and updated with the new referencing report).
IT_GU_QNQ_ART3 = ("http://www.gazzettaufficiale.it/atto/serie_generale/caricaArticolo?art.progressivo=0&art.idArticolo=3"
                  "&art.versione=1&art.codiceRedazionale=18A00411&art.dataPubblicazioneGazzetta=2018-01-25&art.idGruppo=0"
                  "&art.idSottoArticolo1=10&art.idSottoArticolo=1&art.flagTipoArticolo=0")
IT_CEDEFOP = "https://www.cedefop.europa.eu/en/tools/nqfs-online-tool/countries/italy-2022"
IT_INAPP_NCP = "https://www.inapp.gov.it/en/projects/ongoing-projects/eqf-national-coordination-point"
# Liechtenstein: the NQFL's site (nqfl.li, the Agency for International Educational Affairs): its page 'NQFL levels and
# descriptors' ('The NQFL is a grid consisting of eight levels ... The levels of the Qualifications Framework correspond
# with those of the EQF') and its page on the education system (the NQFL has a VET part and a higher education part);
# Cedefop's country report. The referencing report was read only in a copy of its contents.
LI_NQFL_LEVELS = "http://www.nqfl.li/?page=2302&lan=en"
LI_NQFL_SYSTEM = "https://nqfl.li/?lan=en&page=2301"
LI_CEDEFOP = "https://www.cedefop.europa.eu/en/tools/nqfs-online-tool/countries/liechtenstein-2020"
LI_REPORT_COPY = "https://docslib.org/doc/5466303/referencing-report-for-the-principality-of-liechtenstein-nqfl-contents"
# Denmark: the Ministry of Higher Education and Science (ufm.dk), which hosts the Danish Qualifications Framework for
# Lifelong Learning: its page for each level ends with a heading 'European level' and the sentence 'This level
# corresponds to level m of the European Qualifications Framework (EQF)' (read for levels 1, 2, 3, 4, 6, 7 and 8; the
# Danish page of level 6 says 'Dette niveau svarer til niveau 6 i den Europæiske Kvalifikationsramme (EQF)'); the page
# of level 5 is not stored, and level 5 is read from the ministry's table of Danish higher education degrees, whose
# column 'NQF/EQF' gives 'Level 5' for the Academy Profession degrees (and 6, 7, 8 for the higher degrees). Its Danish
# page on cross-border comparison says the referencing process was completed in June 2011. The referencing report
# (The Danish Evaluation Institute, 2011) was read only in a copy of its title page and contents.
DK_UFM_ABOUT = ("https://ufm.dk/en/education/recognition-and-transparency/transparency-tools/qualifications-frameworks/"
                "about-the-qualifications-framework/about-the-qualifications-framework")
DK_UFM_ABOUT_DA = ("https://ufm.dk/uddannelse/anerkendelse-og-dokumentation/dokumentation/kvalifikationsrammer/"
                   "om-kvalifikationsrammen?set_language=da&cl=da")
DK_UFM_LEVELS = "https://ufm.dk/en/education/recognition-and-transparency/transparency-tools/qualifications-frameworks/levels"
_DK_LEVELS_EN = "https://ufm.dk/en/education/recognition-and-transparency/transparency-tools/qualifications-frameworks/levels/"
_DK_LEVELS_EN2 = ("https://ufm.dk/en/education-and-institutions/recognition-and-transparency/transparency-tools/"
                  "qualifications-frameworks/levels/")
DK_UFM_LEVEL_6_DA = ("https://ufm.dk/uddannelse/anerkendelse-og-dokumentation/dokumentation/kvalifikationsrammer/"
                     "niveauer-i-kvalifikationsrammen/niveau-6")
DK_UFM_DEGREES = "http://ufm.dk/en/education-and-institutions/higher-education/degrees-and-qualifications"
# The ministry's Danish page of each level (niveauer-i-kvalifikationsrammen/niveau-n), whose learning outcomes are headed
# 'Viden', 'Færdigheder' and 'Kompetencer'; the English pages of levels 1 and 4 give the same blocks of statements
# without their headings (issue 14: the DKQF level descriptors).
_DK_LEVELS_DA = ("https://ufm.dk/uddannelse/anerkendelse-og-dokumentation/dokumentation/kvalifikationsrammer/"
                 "niveauer-i-kvalifikationsrammen/niveau-")
# What states each Danish level's EQF level: the ministry's page for the level (level 6 also in Danish); for level 5,
# whose page is not stored, the ministry's table of degrees.
DK_LEVEL_SOURCES = {1: [_DK_LEVELS_EN + "level-1"], 2: [_DK_LEVELS_EN2 + "level-2"], 3: [_DK_LEVELS_EN2 + "level-3"],
                    4: [_DK_LEVELS_EN + "level-4"], 5: [DK_UFM_DEGREES],
                    6: [_DK_LEVELS_EN + "level-6/?set_language=en", DK_UFM_LEVEL_6_DA], 7: [_DK_LEVELS_EN + "level-7"],
                    8: [_DK_LEVELS_EN + "level-8"]}
DK_UFM_EQF_DA = ("https://ufm.dk/uddannelse/anerkendelse-og-dokumentation/dokumentation/kvalifikationsrammer/"
                 "europaeisk-kvalifikationsramme-eqf/sammenligning-af-kvalifikationer-pa-tvaers-af-graenserne")
DK_CEDEFOP = "https://www.cedefop.europa.eu/tools/nqfs-online-tool/countries/denmark-2022"
DK_REPORT_COPY = "https://vdocument.in/referencing-the-danish-qualifications-framework-a-ploteus-a-sites-a-eac-eqf.html"
# Finland: the Act on the National Framework for Qualifications and Other Competence Modules (93/2017) and the Government
# Decree 425/2022 amending the annex of Decree 120/2017, both on Finlex (the Ministry of Justice's legislation database).
# The annex, 'Tutkintojen, oppimäärien ja muiden osaamiskokonaisuuksien sijoittuminen vaativuustasoille', heads its level
# column 'Kansallinen vaativuustaso / eurooppalaisen tutkintojen viitekehyksen taso' (national level / level of the
# European qualifications framework): one number for both frameworks, as nqf.gov.gr's table for Greece. The stored
# page was read as far as its rows 'Taso 1' and 'Taso 2'. The Finnish National Agency for Education (OPH, the NCP) lists
# the qualifications at each level; the ministry's page gives the framework's Finnish name as its title. The
# referencing report (OPH and the ministry, 2018) was read only in a copy of its title pages.
FI_FINLEX_ACT = "https://www.finlex.fi/fi/laki/ajantasa/2017/20170093"
FI_FINLEX_ANNEX = "https://www.finlex.fi/fi/laki/alkup/2022/20220425"
FI_OPH = "https://www.oph.fi/en/education-and-qualifications/qualifications-frameworks"
FI_MINEDU = "http://minedu.fi/fi/tutkintojen-viitekehys"
FI_CEDEFOP = "https://www.cedefop.europa.eu/tools/nqfs-online-tool/countries/finland-2024"
FI_REPORT_COPY = "https://vdocuments.site/report-on-the-referencing-of-the-finnish-national-.html"
# Belgium, Flemish Community: the Flemish government's VKS site (vlaamsekwalificatiestructuur.be): its page 'De 8
# VKS-niveaus' ('De Vlaamse kwalificatiestructuur (VKS) verzamelt alle erkende kwalificaties op 8 niveaus'), its
# English page ('In the Flemish Qualification Framework, qualifications are classified at 8 levels') and its page on
# the EQF ('Ook de VKS is afgestemd op het EQF', with the linking report, which was not read); the decree on the
# qualification structure of 30 April 2009 on Edulex (its heading only); Cedefop's country report (referenced to the
# EQF in June 2011, updated report submitted in March 2014). The level statements are Nuffic's table of Flemish
# diplomas, in Dutch and in English, whose columns 'VKS-niveau' / 'FQF level' and 'EQF-niveau' / 'EQF level' give
# both levels of each diploma: VKS 4, 5, 6 and 7 (no diploma of VKS 1-3 or 8 is in the table).
BE_VKS_LEVELS = "https://www.vlaamsekwalificatiestructuur.be/wat-is-vks/kwalificatieniveaus/"
BE_VKS_EN = "https://vlaamsekwalificatiestructuur.be/en/what-is-fqf"
BE_VKS_EUROPA = "https://vlaamsekwalificatiestructuur.be/wat-is-vks/europa/"
BE_VKS_DECREE = "https://data-onderwijs.vlaanderen.be/edulex/document/document.aspx?docid=14111"
# Poland (issue 14): the Ministry of National Education's PRK site ('Polska Rama Kwalifikacji (PRK) to układ
# odniesienia dla kwalifikacji nadawanych w Polsce. W PRK jest 8 poziomów.', and the full qualifications it places at
# levels I and II; stored into level III), the Integrated Qualifications System's portal ('Polska rama – podobnie jak
# Europejska Rama Kwalifikacji – ma 8 poziomów.'), and Nuffic's pages on the PRK ('The PRK has 8 levels'; 'The Roman
# numbers stand for full qualifications (diplomas). For example: PRK-VI is a bachelor (qualification level 6).') and on
# the level of Polish diplomas, whose columns 'PRK' and 'EQF' give both levels of each diploma ('Dyplom licencjat VI 6
# ...'): PRK III-VII, each at the EQF level of the same number. No diploma of PRK 1, 2 or 8 is in that table.
PL_PRK_MEN = "https://prk.men.gov.pl/polska-rama-kwalifikacji-prk/"
PL_PRK_ZSK = "https://kwalifikacje.gov.pl/o-zsk/polska-rama-kwalifikacji"
PL_NUFFIC_FRAMEWORK = "https://www.nuffic.nl/en/education-systems/poland/qualifications-framework"
PL_NUFFIC_DIPLOMAS = "https://www.nuffic.nl/en/education-systems/poland/level-of-diplomas"
PL_NUFFIC_DIPLOMAS_NL = "https://www.nuffic.nl/onderwijssystemen/polen/niveau-van-diplomas"
# Luxembourg (issue 14): the national lifelong-learning portal ('the Ministry of Education, Children and Youth and the
# Ministry of Higher Education and Research presented their report on referencing the Luxembourg Qualifications
# Framework (Cadre luxembourgeois des qualifications - CLQ) to the EQF in 2012 to the EQF's Advisory Group, which
# accepted it', and its table of levels, stored to level 3), Eurydice ('Like the EQF, the CLQ comprises eight levels'),
# and Nuffic's table of Luxembourg diplomas ('Diploma | CLQ | EQF | ...'), whose rows give CLQ 2-7, each at the EQF
# level of the same number. No diploma of CLQ 1 or 8 is in that table.
LU_LLL_CLQ = "https://lifelong-learning.lu/Detail/Article/Comprendre/le-cadre-luxembourgeois-des-qualifications/en"
LU_EURYDICE = "https://eurydice.eacea.ec.europa.eu/national-education-systems/luxembourg/national-qualifications-framework"
LU_NUFFIC = "https://www.nuffic.nl/en/education-systems/luxembourg"
BE_FL_NUFFIC_DIPLOMAS = "https://www.nuffic.nl/onderwijssystemen/belgie-vlaamstalige-regio/overzicht-diplomawaarderingen"
BE_FL_NUFFIC_DIPLOMAS_EN = ("https://www.nuffic.nl/en/education-systems/belgium-flemish-language-region/"
                            "overview-of-diploma-evaluations")
BE_FL_NUFFIC_FRAMEWORK_EN = "https://www.nuffic.nl/en/education-systems/belgium-flanders/qualifications-framework"
BE_FL_CEDEFOP = "https://www.cedefop.europa.eu/en/tools/nqfs-online-tool/countries/belgium-fl-2020"
# Belgium, French Community: the CFC's site (cfc.cfwb.be, the Wallonia-Brussels Federation: a scale 'allant du niveau de
# base (niveau 1) au niveau avancé (niveau 8)'); the cooperation agreement of 26 February 2015 creating the CFC on
# Wallex (its heading only); Cedefop's country report (eight levels; referenced to the EQF in December 2013). The level
# statements are Nuffic's table of French-speaking Belgian diplomas, columns 'CFC-niveau' and 'EQF-niveau': CFC 4, 6 and
# 7 (no diploma of CFC 1-3, 5 or 8 is in the table).
BE_CFC = "http://www.cfc.cfwb.be/index.php?id=261"
BE_CFC_AGREEMENT = "https://wallex.wallonie.be/index.php?doc=29286&rev=30796-20446&from=rss"
BE_FR_NUFFIC_DIPLOMAS = "https://www.nuffic.nl/onderwijssystemen/belgie-wallonie-en-brussel/overzicht-diplomawaarderingen"
BE_FR_CEDEFOP = "https://www.cedefop.europa.eu/pt/tools/nqfs-online-tool/countries/belgium-fr-2020"

# Pacific, Australia, New Zealand
EQAP_PQF = "https://eqap.spc.int/pqrp/pacific-qualifications-framework"
PQF_DOC_2015 = "https://vdocuments.us/pacific-qualifications-framework.html"
EQAP_PRQS = "http://eqap.org.fj/work/Pacific-Register-of-Qualifications-and-Standards.aspx"
SPC_PQRP_2025 = "https://spc.int/updates/blog/blog-post/2025/01/pacific-qualifications-framework-achieving-strengthened-regional"
# SPC's release of September 2020: an FNU micro-qualification 'accredited by SPC's Pacific Board for Educational Quality
# (PBEQ) at Level 5 of the Pacific Qualification Framework'. It shows that PQF levels are used; it does not list them.
SPC_FNU_MQ_2020 = ("https://www.spc.int/updates/news/media-release/2020/09/first-accreditation-of-fnu-micro-qualification-"
                   "opens-new-study")
HEC_FJ_PQF = "https://hec.org.fj/workshop-to-strengthen-the-pacific-qualification-framework/"
KIRIBATI_PQF = "https://islandsbusiness.com/wp-content/uploads/flipbook/105/files/basic-html/page32.html"
FJ_FQF = "https://old.apnnic.net/higher-education-system/australia-copy-copy-copy-copy"
# The Higher Education Commission's own pages (issue 14): its home page ('The Fiji Qualifications Council accredits
# qualifications from levels 1 to 6, and the Committee for the Accreditation of Univeristy Qualifications accredits
# qualifications from levels 7 to 10', under the name 'Fiji National Qualifications Framework') and its page on the
# Council ('The Fiji Qualifications Council was established to manage the Fiji National Qualifications Framework',
# 'accrediting qualifications at Levels 1 – 6 on the FNQF', 'at Levels 7 – 10 on the FNQF').
FJ_HEC_HOME = "https://hec.org.fj/"
FJ_HEC_FQC = "https://hec.org.fj/qualifications-council/"
FJ_FQF_LAUNCH = "https://www.fiji.gov.fj/Media-Centre/News/FQF-TO-CREATE-REGIONAL-AND-INTERNATIONAL-EMPLOYMENT-OPPORTUNITIES"
WS_SQF = "https://www.sqa.gov.ws/sqf/"
TO_TQF = "https://matangitonga.to/ad/4321-tnqab-qualifications-process-6-12-march-2018"
# TNQAB's own page on the TQF ('a way of classifying quality assured qualifications according to levels related to the
# complexity of the learning outcomes attained'), with no level count; the '10-level structure' is stated only in
# TNQAB's notice in Matangi Tonga (TO_TQF).
TO_TNQAB_TQF = "http://www.tnqab.com/services/qualifications-framework?date=2018-10-1"
TO_TNQAB_HOME = "https://tnqab.to"
TO_TNQAB_ABOUT = "https://tnqab.com/about-tnqab"
PG_NQF = "https://pdfslide.us/documents/papua-new-guinea-national-qualifications-framework-2018-11-12-papua-new-guinea.html"
PG_NQF_2017 = "http://www.dherst.gov.pg/endorsement-of-the-revised-papua-new-guinea-national-qualifications-framework/"
AU_AQF = "https://studentconnect.qcaa.qld.edu.au/12620.html"
AU_AQF_2 = "https://gegx.staging.goodeducation.com.au/Support-Centre/Study-options/Australian-Qualifications-Framework"
# The AQF Council's page of the AQF Second Edition January 2013 ("the complete set of AQF policies and objectives"):
# the official document whose level criteria the AQF level descriptors quote. The document itself was read only in
# copies: the AQF Qualification Type Specifications are pages of it (studylib's copy of the Certificate II
# specification carries the footer "Australian Qualifications Framework Second Edition January 2013 29").
AQF_2013 = "https://www.aqf.edu.au/aqf-second-edition-january-2013"
AQF_SPEC_CERT_II_COPY = "https://studylib.net/doc/18256849/certificate-ii---australian-qualifications-framework"
# A migration agent's page that quotes the AQF website's level criteria (levels 2 and 3 read): it agrees (rdfs:seeAlso).
AQF_LEVELS_OZLINKS = "https://ozlinks.au/assessing-authorities"
AQF_EQF_REPORT = "https://pt.scribd.com/document/358627882/ED16-0165-693040-Joint-Technical-Report-ACC"
# The Department of Education's news of 14 December 2016 naming the report ('The report was developed by the Australian
# Government Department of Education and Training and the European Commission.').
AQF_EQF_NEWS = "https://www.education.gov.au/news/improving-australian-and-european-mobility"
NZ_NZQCF = "https://www2.nzqa.govt.nz/qualifications-and-standards/about-new-zealand-qualifications-credentials-framework/level-descriptors-nzqcf"
NZQA_EU = "https://www.nzqa.govt.nz/about-us/our-role/our-role-in-international-education/country-specific-recognition-arrangements/european-union/"
NZQA_IE_NZ = "https://www2.nzqa.govt.nz/international/recognition-arrangements/ireland-nz"
NZ_EQF_REPORT = "https://vdocuments.site/comparative-analysis-of-the-european-qualifications-exeutie-uary-continued-4.html"
NZQA_UAE_NZ = "https://www2.nzqa.govt.nz/international/recognition-arrangements/uae-nz"
NZQA_IE_NZ_2019 = ("https://www.nzqa.govt.nz/about-us/our-role/our-role-in-international-education/"
                   "country-specific-recognition-arrangements/ireland/")
QQI_IE_NZ_GUIDE = ("https://www.qqi.ie/News/Pages/Comparing-Qualifications-in-Ireland-and-New-Zealand--New-Guide-"
                   "Released.aspx")
NZQA_AU_NZ = "https://www2.nzqa.govt.nz/international/recognition-arrangements/australia-nz"
NZQA_AU_NZ_2015 = ("https://www.nzqa.govt.nz/about-us/our-role/our-role-in-international-education/"
                   "country-specific-recognition-arrangements/australia/")
AU_NZ_REPORT_COPY = ("https://fdocuments.net/document/referencing-of-the-australian-and-new-zealand-new-zealand-and-"
                     "support-the-mobility.html")
NZQA_HK_NZ = "https://www2.nzqa.govt.nz/international/recognition-arrangements/hong-kong-nz"
NZQA_HK_NZ_2018 = ("https://www.nzqa.govt.nz/about-us/our-role/our-role-in-international-education/"
                   "country-specific-recognition-arrangements/hong-kong/")
NZ_MOE_HK_2018 = "http://www.education.govt.nz/news/good-news-for-learners-nz-and-hk-quals-frameworks-compatible/"
HK_NZ_REPORT_COPY = ("https://fdocuments.us/document/referencing-report-of-the-hong-kong-qualifications-in-a-bilateral-"
                     "context-referencing.html")
HKQR_LEVELS = "https://www.hkqr.gov.hk/HKQR/qrLevelExplanation.jsp?enable_credit_ind=Y"

# Level descriptors and qualification types
# The Council Recommendation of 22 May 2017 (OJ C 189, 15.6.2017, p. 15-28), Annex II, on EUR-Lex. Its text could not be
# read on EUR-Lex here, so the descriptors were read in the pages below, which give the same text (prov:wasDerivedFrom).
EURLEX_EQF_2017_EN = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32017H0615(01)"
EQF_LEAFLET_COPY = "https://fdocuments.in/download/the-european-qualifications-framework-for-lifelong-learning.html"
EQF_DESCRIPTORS_123DOK = "https://123dok.com/id/docs/pdf-european-qualifications-framework-level-descriptors.10800891"
EQF_TABLE_AAPM = "https://aapm.info/European-Qualifications-Framework.html"
EQF_7_COMPETENCEBASE = "https://competencebase.eu/w/index.php?oldid=26730&title=EQF_7"
# The two copies above are document mirrors (prov:wasDerivedFrom). Pages that reproduce the whole table (aapm.info) or
# quote the Europass text of a level (competencebase.eu, EQF 7) agree with them (rdfs:seeAlso). Cedefop's VET glossary
# gives each EQF level's descriptors "based on Council of the European Union, 2017", lower-cased and lightly
# reworded: it agrees, and is never the source of the wording (rdfs:seeAlso).
CEDEFOP_EQF_LEVEL = ("https://www.cedefop.europa.eu/en/tools/vet-glossary/glossary/"
                     "europees-kwalificatiekader-voor-een-leven-lang-leren-ekk-niveau-{n}")
# NZQA's Qualification and Micro-credential Listing and Operational Rules 2022, Appendix "NZQCF structure - Levels for
# qualifications and micro-credentials, and qualification types", read on the content-delivery host that serves NZQA's
# site; the Careers New Zealand page (Tertiary Education Commission) lists the same types by level, except the Diploma
# at level 7.
NZQA_LISTING_RULES_APPENDIX = ("https://d3fukx320kx0in.cloudfront.net/about-us/our-role/legislation/nzqa-rules/"
                               "nzqf-related-rules/nzqf-qualification-listing-and-operational-rules/appendix/")
CAREERS_NZ_LEVELS = ("https://www.careers.govt.nz/courses/find-out-about-study-and-training-options/"
                     "qualifications-and-their-levels/")
# NZQA's page of NZQCF level descriptors (NZ_NZQCF above) has been read in two versions: the 2011 descriptors in three
# domains (knowledge, skills, application) and the updated descriptors in seven domains. NZQA's Equate newsletter of
# June 2025 says the updated NZQCF, "which includes the new visual, level descriptors, and updated qualification-type
# descriptions", comes into effect on 1 July 2025 (old descriptors usable, in a transition, to the end of 2025).
NZQA_EQUATE_2025_06 = "https://www2.nzqa.govt.nz/about-us/publications/newsletters-circulars/equate/june-2025"
# The SCQF Partnership's level-descriptor page: levels 1-12, each described under the five characteristics.
SCQF_LEVEL_DESCRIPTORS = "https://scqf.org.uk/support/credit-rating-bodies/level-descriptors/"
# The stored page gives level 1's text and only the headings of levels 2-12, so level 3 was read in the yumpu copy of
# the SCQF Partnership's revised level descriptors (August 2012), whose level 1 agrees word for word with the page
# (its page per level, and its pages per characteristic for levels 1-6; prov:wasDerivedFrom). CredentialEngine's CTDL
# example (CTDL_SCQF_JSON) gives levels 1-4 in the five characteristics and agrees (rdfs:seeAlso).
SCQF_2012_YUMPU = ("https://www.yumpu.com/en/document/view/26544261/"
                   "revised-scqf-level-descriptors-scottish-credit-and-qualifications-/{page}")

NO_AQRF_TABLE = "no level-to-level table has been sourced; levels are not linked"
ILLUSTRATIVE = "ILLUSTRATIVE ONLY — not an official AQRF referencing decision"

# --------------------------------------------------------------------------------------------
# Facts as small tables
# --------------------------------------------------------------------------------------------


@dataclass
class Org:
    slug: str
    labels: list[tuple[str, str]]
    sources: list[str]
    roles: list[str] = field(default_factory=list)
    alt: list[str] = field(default_factory=list)
    jurisdiction: str | None = None
    homepage: str | None = None
    notes: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)  # document copies its facts were read in (prov:wasDerivedFrom)


@dataclass
class Lvl:
    notation: str
    rank: int
    labels: list[tuple[str, str]]
    scope_notes: list[tuple[str, str]] = field(default_factory=list)
    close: list[str] = field(default_factory=list)  # skos:closeMatch: the same level in another vocabulary
    broad: list[str] = field(default_factory=list)  # skos:broadMatch: a broader concept elsewhere
    narrow: list[str] = field(default_factory=list)  # skos:narrowMatch: narrower concepts elsewhere
    notes: list[str] = field(default_factory=list)


@dataclass
class Fw:
    slug: str
    kind: str  # national | reference
    titles: list[tuple[str, str]]
    jurisdiction: str
    sources: list[str]
    acronyms: list[str] = field(default_factory=list)
    scope_note: str | None = None
    publisher: str | None = None
    domains: list[tuple[str, str]] = field(default_factory=list)
    levels: list[Lvl] = field(default_factory=list)
    level_sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    description: str | None = None
    created: str | None = None
    replaced_by: str | None = None
    organisations: list[str] = field(default_factory=list)  # other bodies described with it
    close: list[str] = field(default_factory=list)  # skos:closeMatch: the same framework in another vocabulary
    alt_labels: list[tuple[str, str]] = field(default_factory=list)  # language-tagged skos:altLabel, each sourced
    # Document copies the framework's own facts, its descriptor domains and its levels were read in
    # (prov:wasDerivedFrom), beside the official addresses in sources, DOMAIN_SOURCES and level_sources.
    copies: list[str] = field(default_factory=list)
    domain_copies: list[str] = field(default_factory=list)
    level_copies: list[str] = field(default_factory=list)


def numbered(n: int, first: int = 1, scope: dict[int, str] | None = None, lang: str = "en",
             close: dict[int, str] | None = None) -> list[Lvl]:
    """Levels 1..n labelled 'Level k', with optional scope notes and QDR links."""
    scope, close = scope or {}, close or {}
    return [
        Lvl(str(k), k, [(f"Level {k}", "en")],
            scope_notes=[(scope[k], lang)] if k in scope else [],
            close=[close[k]] if k in close else [])
        for k in range(first, n + 1)
    ]


QDR = "http://data.europa.eu/snb/qdr/"
QDR_IE = {1: "c_53e465cb", 2: "c_060f2f91", 3: "c_4c88e501", 4: "c_57c9e957", 5: "c_4053e803",
          6: "c_670e54c7", 7: "c_38f52397", 8: "c_218a7e54", 9: "c_c6ada0f4", 10: "c_ac9adabb"}
QDR_SCQF = {1: "c_505223a4", 2: "c_2ce57891", 3: "c_31146b2c", 4: "c_61aa9cbc", 5: "c_5e46ea39",
            6: "c_c167deaa", 7: "c_326c93a5", 8: "c_d9cf9fd5", 9: "c_e2e0f7fc", 10: "c_021f233f",
            11: "c_517309ca", 12: "c_c3f2cd03"}
QDR_RQF = {1: "c_f015bac8", 2: "c_e83742bd", 3: "c_dddf1163", 4: "c_308a1766", 5: "c_dec9edae",
           6: "c_c392e7a2", 7: "c_3a94d1b4", 8: "c_064b59e6"}
QDR_RQF_ENTRY_1_2, QDR_RQF_ENTRY_3 = "c_778f8030", "c_b3a26e65"
QDR_CQFW = {1: "c_c03aceeb", 2: "c_826abaf9", 3: "c_c7a9fba6", 4: "c_3a511ca6", 5: "c_3cae3a23",
            6: "c_fa76c0fa", 7: "c_98740c52", 8: "c_471f5da1"}
QDR_CQFW_ENTRY_1_3 = "c_de548626"
QDR_RNCP = {"V": "c_d7cce980", "IV": "c_40020d69", "III": "c_243aefbe", "II": "c_5ad5d222"}
QDR_RNCP_I = ["c_828fbcc3", "c_7ab73420"]  # 'NQF RNCP Level I-Master', 'NQF RNCP Level I-Doctorat'


# The QDR's framework concepts, as the reference note (qdr_nqf_vocabulary_iris.csv, from ELM's nqf.xsd) labels
# them: 'Irish National Framework of Qualifications', 'Scottish Credit and Qualifications Framework', 'Regulated
# Qualifications Framework (RQF) for England and Northern Ireland', 'Credit and Qualifications Framework for Wales'.
# Not linked: 'French National Qualifications Framework' (c_c8bc1cb9), because the list does not say whether it is
# the 2019 framework or the old nomenclature (its only French levels are the old 'NQF RNCP' ones), and 'German
# National Qualifications Framework' (c_ef113b94), because the DQR is bundled as templates with no column for it.
QDR_FRAMEWORK = {"ie-nfq": "c_01169e3f", "uk-scqf": "c_027221dd", "uk-rqf": "c_d0a601e6", "uk-cqfw": "c_36ff4631",
                 # 'Austrian National Qualifications Framework', 'Estonian Qualifications Framework', 'Dutch National
                 # Qualifications Framework', 'Portuguese National Qualifications Framework', 'Swedish National
                 # Qualifications Framework'
                 "at-nqr": "c_4538e0af", "ee-estqf": "c_e9fb041f", "nl-nlqf": "c_5c66dcbc", "pt-qnq": "c_5a1e9f89",
                 "se-seqf": "c_d932c882",
                 # 'Cypriot National Qualifications Framework', 'Lithuanian National Qualifications Framework'
                 "cy-cyqf": "c_afce1c3a", "lt-ltqf": "c_a6d433f4",
                 # 'National Qualifications Framework of Swiss Vocational and Professional Education',
                 # 'Icelandic Qualifications Framework'
                 "ch-nqf-vpq": "c_fcd47fb1", "is-isqf": "c_2e41fe05",
                 # 'Hellenic National Qualifications Framework', 'Slovenian Qualifications Framework'
                 "gr-hqf": "c_0ea90db7", "si-sqf": "c_0f8ae85c",
                 # 'Italian Qualifications Framework', 'National Qualifications Framework for Lifelong Learning for
                 # Liechtenstein'
                 "it-qnq": "c_02d8bc18", "li-nqfl": "c_bc619568",
                 # 'Danish National Qualifications Framework', 'Finnish National Qualifications Framework'
                 "dk-dkqf": "c_61ba90ec", "fi-finqf": "c_2d1fde14",
                 # 'Flemish qualifications framework', 'Qualifications Framework of the French Community of Belgium'
                 "be-vks": "c_ed96825f", "be-cfc": "c_f3b785c7",
                 # 'Polish National Qualifications Framework', 'Luxembourg Qualifications Framework'
                 "pl-prk": "c_97cf01c4", "lu-clq": "c_20b3be22"}
# Their levels, as the list labels them: 'AT: NQF Level n', 'EstQF Level n', 'NLQF Level n' ('NLQF Entry Level' and
# 'NLQF Level 4+' are not linked, see nl-nlqf), 'QNQ Level n' (QNQ is Portugal's framework, Cedefop), 'SeQF Level n'.
QDR_AT = {1: "c_479252dc", 2: "c_c3234df7", 3: "c_1f1297d8", 4: "c_67af56a4", 5: "c_e8dd63b9", 6: "c_1dcef432",
          7: "c_0e78414e", 8: "c_c94a713e"}
QDR_EE = {1: "c_ed568080", 2: "c_54b380be", 3: "c_3f16a034", 4: "c_7cb99427", 5: "c_11b06734", 6: "c_3dddfd70",
          7: "c_9173237a", 8: "c_2616aeff"}
QDR_NL = {1: "c_3e11a3fd", 2: "c_c749fa23", 3: "c_f97cdbb5", 4: "c_ff656b33", 5: "c_18c9e9fe", 6: "c_1711a061",
          7: "c_478359fc", 8: "c_2835a50f"}
QDR_NL_ENTRY = "c_b42dd23b"  # 'NLQF Entry Level': not linked, the entry level is not recorded (see nl-nlqf)
QDR_PT = {1: "c_1eeca5f9", 2: "c_fd9234c1", 3: "c_5c91e0ca", 4: "c_7d534b92", 5: "c_d2b47671", 6: "c_8cf0774e",
          7: "c_0fe2b814", 8: "c_370653aa"}
QDR_SE = {1: "c_20b8cbc9", 2: "c_e1f75f79", 3: "c_4ec9e6c0", 4: "c_6477e349", 5: "c_b44f7367", 6: "c_185bb246",
          7: "c_1ab773a2", 8: "c_055b6cf8"}
# 'CyQF Level n' (with the sub-levels 'CyQF Level 5a' ... '7c', as the CyQF's diagram numbers them), 'LTQF Level n'.
QDR_CY = {"1": "c_02c7fedc", "2": "c_ffd9ca10", "3": "c_e44ef2dc", "4": "c_5cbacb43", "5a": "c_549bffac",
          "5b": "c_6cba2673", "5c": "c_16351043", "6": "c_8f872111", "7a": "c_f59c3ad4", "7b": "c_95481d1f",
          "7c": "c_a6c13e9f", "8": "c_99235760"}
QDR_LT = {1: "c_98b42a9f", 2: "c_8525e36a", 3: "c_9d34b310", 4: "c_d1e9f55d", 5: "c_b62fa7ef", 6: "c_caa3091a",
          7: "c_dbbbe65b", 8: "c_6e015474"}
# 'NQF VPET Level n' (Switzerland's NQF VPQ; the register uses its older English acronym), 'ISQF Level n' with the
# ISQF's sub-levels 5.1, 5.2, 6.1 and 6.2 as levels of their own.
QDR_CH = {1: "c_419407fa", 2: "c_9ccd261b", 3: "c_1d6c3de5", 4: "c_dae3c198", 5: "c_7038706c", 6: "c_b83c6524",
          7: "c_468a5afc", 8: "c_ce40bd02"}
QDR_IS = {"1": "c_9d649d1c", "2": "c_ca8fda2e", "3": "c_38336a53", "4": "c_905af3bc", "5.1": "c_f0e7a81b",
          "5.2": "c_f0be67ef", "6.1": "c_57c17789", "6.2": "c_c339fb29", "7": "c_f8979fd7"}
# 'HQF Level n' (Greece), 'SQF Level n' (Slovenia's ten levels).
QDR_GR = {1: "c_ec84c700", 2: "c_6640cf62", 3: "c_48930d0b", 4: "c_f6c81729", 5: "c_7db10cb9", 6: "c_5e8da33b",
          7: "c_60582329", 8: "c_c4deeb87"}
QDR_SI = {1: "c_77411555", 2: "c_4b23518c", 3: "c_e7e8d397", 4: "c_66d10210", 5: "c_5a909eaa", 6: "c_4a3aea6f",
          7: "c_3f2a609e", 8: "c_4e92151b", 9: "c_74d66d27", 10: "c_a9614000"}
# 'IT NQF Level n' (Italy's QNQ), 'NQFL Level n' (Liechtenstein).
QDR_IT = {1: "c_d7b593f0", 2: "c_5af633b3", 3: "c_2151e983", 4: "c_c160a2a0", 5: "c_334b891b", 6: "c_f875790f",
          7: "c_1a6b4df9", 8: "c_34a78e36"}
QDR_LI = {1: "c_ae256098", 2: "c_ab81fe6f", 3: "c_73e5a71b", 4: "c_e7f9e314", 5: "c_9a2c4ae2", 6: "c_ad62b6d5",
          7: "c_e6601cb4", 8: "c_e160a72d"}
# 'DK NQF Level n' (Denmark), 'FiNQF Level n' (Finland).
QDR_DK = {1: "c_67053d58", 2: "c_f3d606a7", 3: "c_2ff9f722", 4: "c_e2461c86", 5: "c_e130f5d2", 6: "c_a19d301f",
          7: "c_b08ee037", 8: "c_1aec7e1f"}
QDR_FI = {1: "c_b9b2b42d", 2: "c_c660dbf8", 3: "c_63c1f703", 4: "c_cbf250da", 5: "c_fd8ce5f6", 6: "c_8a7da315",
          7: "c_3b2bd7b5", 8: "c_7fa9dfe4"}
# 'FQF Level n' (Flanders' VKS), 'CFC Level n' (the French Community's CFC).
QDR_BE_VKS = {1: "c_cf509e8a", 2: "c_7f5e85a7", 3: "c_650d7e95", 4: "c_615c4895", 5: "c_6fa57440", 6: "c_65235ec5",
              7: "c_95fec238", 8: "c_13c65774"}
# 'PQF Level n' (the register's only 'PQF', beside its 'Polish National Qualifications Framework') and 'CLQ Level n'.
QDR_PL_PRK = {1: "c_fcf3bd8d", 2: "c_14db1595", 3: "c_e018d301", 4: "c_c145999e", 5: "c_045fd11d", 6: "c_cb086da3",
              7: "c_e860b49b", 8: "c_ec518d13"}
QDR_LU_CLQ = {1: "c_5eb9f21e", 2: "c_2bc813ff", 3: "c_317af58c", 4: "c_26211a04", 5: "c_b4cc88a4", 6: "c_dfb0cd4d",
              7: "c_758b2f8a", 8: "c_287bdf18"}
QDR_BE_CFC = {1: "c_9c785d58", 2: "c_15435c11", 3: "c_19d85def", 4: "c_baa10a4e", 5: "c_cf6bd5a1", 6: "c_09d0ebb0",
              7: "c_4e0e5f6b", 8: "c_165020a6"}
# The rows of Nuffic's tables of Belgian diplomas: (national level, EQF level, the diplomas of that row as the table
# names them). Only these levels appear in the tables.
BE_VKS_ROWS_READ = [
    (4, 4, "Diploma van Secundair Onderwijs (BSO, KSO, TSO and ASO)"),
    (5, 5, "Diploma van Gegradueerde (HBO5)"),
    (6, 6, "the professional and academic bachelors"),
    (7, 7, "the masters and masters after masters"),
]
# The rows of Nuffic's tables of Polish and Luxembourg diplomas, as for Belgium.
PL_PRK_ROWS_READ = [
    (3, 3, "Dyplom zawodowy at PRK level III (new system)"),
    (4, 4, "Dyplom zawodowy at PRK level IV, Dyplom potwierdzający kwalifikacje zawodowe, Świadectwo ukończenia "
           "technikum, Świadectwo ukończenia liceum ogólnokształcącego, Świadectwo dojrzałości"),
    (5, 5, "Dyplom ukończenia kolegium"),
    (6, 6, "Dyplom inżynier, Dyplom licencjat"),
    (7, 7, "Dyplom magister, Dyplom magister inżynier, the integrated master's diploma, Dyplom lekarz"),
]
LU_CLQ_ROWS_READ = [
    (2, 2, "Certificat de capacité professionnelle (CCP)"),
    (3, 3, "Diplôme d'aptitude professionelle (DAP)"),
    (4, 4, "Diplôme de technicien (DT), Diplôme de fin d'études secondaires générales and classiques"),
    (5, 5, "Brevet de technicien supérieur (BTS), Brevet de maîtrise"),
    (6, 6, "Bachelor's degree"),
    (7, 7, "Master's degree"),
]
BE_CFC_ROWS_READ = [
    (4, 4, "Certificat d'enseignement secondaire supérieur (enseignement professionnel, artistique/technique, général)"),
    (6, 6, "Grade de Bachelier (professionnalisant/de type court; de transition/de type long), Bachelier de "
           "spécialisation"),
    (7, 7, "Grade de Master, Master de spécialisation"),
]
# Denmark's levels with the EQF level the ministry's pages give: level 1 and level 2 both at EQF 2.
DK_LEVELS = [(1, 2), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8)]


def dk_statement(level: int, eqf: int) -> str:
    """The words that place a Danish level at an EQF level (see DK_LEVEL_SOURCES)."""
    if level == 5:
        return ("the ministry's table of Danish higher education degrees gives 'Level 5' in its column 'NQF/EQF' for "
                "the Academy Profession degrees (the page of level 5 itself is not stored)")
    return (f"the ministry's page for level {level}: 'This level corresponds to level {eqf} of the European "
            "Qualifications Framework (EQF)'")
# The SOK's rows read in nok.si's table, with their 'EOK raven' cell: SOK 1-6 only (the rows of SOK 7-10 were not read).
SI_ROWS_READ = [(1, 1), (2, 2), (3, 3), (4, 4), (5, 4), (6, 5)]
# The ISQF's levels, lowest first, with the EQF level ENIC/NARIC Iceland's table gives (None: that cell was not read).
IS_LEVELS = [("1", None), ("2", None), ("3", None), ("4", None), ("5.1", "6"), ("5.2", "6"), ("6.1", "7"),
             ("6.2", "7"), ("7", "8")]
# The CyQF's levels as its diagram lists them, lowest first, with the EQF level its EQF column gives: the sub-levels
# 5a-5c and 7a-7c share the EQF 5 and EQF 7 cells.
CY_LEVELS = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5a", "5"), ("5b", "5"), ("5c", "5"), ("6", "6"),
             ("7a", "7"), ("7b", "7"), ("7c", "7"), ("8", "8")]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def qdr(code: str) -> str:
    return QDR + code


def qdr_map(table: dict[int, str]) -> dict[int, str]:
    return {k: qdr(v) for k, v in table.items()}


def uk_levels(entry_broad: dict[str, str], entry_close: dict[str, str], qdr_levels: dict[int, str]) -> list[Lvl]:
    """Entry levels E1-E3 (ranks -2..0, below level 1) and levels 1-8 of the RQF and the CQFW."""
    entry = [
        Lvl(f"E{k}", k - 3, [(f"Entry level {k}", "en")],
            notes=["a sub-level of Entry level"],
            close=[entry_close[f"E{k}"]] if f"E{k}" in entry_close else [],
            broad=[entry_broad[f"E{k}"]] if f"E{k}" in entry_broad else [])
        for k in (1, 2, 3)
    ]
    return entry + numbered(8, close=qdr_levels)


ORGS: list[Org] = [
    Org("aqrf-committee", [("AQRF Committee", "en")], [AANZFTA_AQRF_2016, BN_BDNAC_AQRF],
        roles=["referencing-body"], jurisdiction="ASEAN", copies=[AQRF_GOVERNANCE],
        notes=["created by the AQRF Governance and Structure document (endorsed by ALMM and ASED in May 2016 "
               "and AEM in Aug 2016); its first meeting was in Jakarta, 9-10 Feb 2017"]),
    Org("eqap", [("EQAP (SPC)", "en")], [EQAP_PQF, EQAP_PRQS],
        roles=["qualifications-agency"], alt=["SPBEA"], jurisdiction="Pacific",
        notes=["SPC's EQAP, formerly SPBEA; develops the Pacific Qualifications Framework, references national "
               "frameworks against it and registers qualifications on the PRQS"]),
    Org("pqab", [("Pacific Qualifications Advisory Board", "en")], [SPC_PQRP_2025], roles=["referencing-body"],
        alt=["PQAB"], jurisdiction="Pacific",
        notes=["oversees the referencing and benchmarking of 9 Pacific Island countries and New Zealand to the "
               "Pacific Qualifications Framework (Pacific Qualifications Recognition Project, 2023-2028)"]),
    Org("ie-qqi", [("QQI", "en")], [QQI_NFQ], roles=["qualifications-agency"], jurisdiction="IE",
        homepage="https://www.qqi.ie"),
    Org("nz-nzqa", [("NZQA", "en")], [NZ_NZQCF, NZQA_EU], roles=["qualifications-agency"], jurisdiction="NZ",
        homepage="https://www.nzqa.govt.nz"),
    Org("my-mqa", [("MQA", "en")], [MQF_PAGE, MQA_AQRF], roles=["qualifications-agency"], jurisdiction="MY",
        notes=["mandated on 29 Apr 2015 to coordinate the AQRF referencing of Malaysia"]),
    Org("ph-pqf-ncc", [("PQF-NCC", "en")], [PQF_PH_LEVELS], roles=["qualifications-agency"], jurisdiction="PH",
        notes=["issues PQF resolutions, e.g. PQF-NCC Resolution 2023-05 on the levels of qualifications"]),
    Org("bn-bdnac", [("BDNAC", "en")], [BN_BDNAC, BN_BTARCHIVE], roles=["qualifications-agency"], jurisdiction="BN",
        notes=["the BDQF was established by the BDNAC Order 2011"]),
    Org("fj-qualifications-council", [("Fiji Qualifications Council", "en")], [FJ_HEC_FQC, FJ_FQF],
        roles=["qualifications-agency"], jurisdiction="FJ",
        notes=["established to manage the Fiji National Qualifications Framework; accredits qualifications at its "
               "levels 1-6, the Committee for the Accreditation of University Qualifications those at levels 7-10 "
               "(the Higher Education Commission's page)"]),
    Org("ws-sqa", [("SQA (Samoa)", "en")], [WS_SQF], roles=["qualifications-agency"],
        jurisdiction="WS", homepage="https://www.sqa.gov.ws"),
    # Its name as its own site heads it (tnqab.to: 'Tonga National Qualifications and Accreditation Board (TNQAB)').
    Org("to-tnqab", [("Tonga National Qualifications and Accreditation Board", "en")],
        [TO_TNQAB_HOME, TO_TNQAB_ABOUT, TO_TQF, SPC_PQRP_2025], alt=["TNQAB"], roles=["qualifications-agency"],
        jurisdiction="TO",
        notes=["chaired the Pacific Qualifications Advisory Board in 2024"]),
    Org("pg-nhteb", [("National Higher and Technical Education Board", "en")], [PG_NQF_2017], copies=[PG_NQF],
        roles=["qualifications-agency"], jurisdiction="PG"),
]
ORG_BY_SLUG = {o.slug: o for o in ORGS}

AQRF_DOMAINS = [("Knowledge and skills", "en"), ("Application and responsibility", "en")]
AQF_DOMAINS = [("Knowledge", "en"), ("Skills", "en"), ("Application of knowledge and skills", "en")]
SCQF_DOMAINS = [("Knowledge and understanding", "en"),
                ("Practice: applied knowledge, skills and understanding", "en"),
                ("Generic cognitive skills", "en"),
                ("Communication, ICT and numeracy skills", "en"),
                ("Autonomy, accountability and working with others", "en")]
# The NFQ grid's eight sub-strands, each named by its strand and sub-strand as QQI's grid heads them (in capitals there).
NFQ_DOMAINS = [("Knowledge: Breadth", "en"), ("Knowledge: Kind", "en"), ("Know-how & Skill: Range", "en"),
               ("Know-how & Skill: Selectivity", "en"), ("Competence: Context", "en"), ("Competence: Role", "en"),
               ("Competence: Learning to Learn", "en"), ("Competence: Insight", "en")]
NZQCF_DOMAINS = [("Knowledge", "en"), ("Practice and performance", "en"), ("Critical thinking", "en"),
                 ("Collaboration", "en"), ("Communication", "en"), ("Environment", "en"),
                 ("Autonomy and responsibility", "en")]

FRAMEWORKS: list[Fw] = [
    # ---- reference frameworks ------------------------------------------------------------
    # Thai: 'กรอบคุณวุฒิอ้างอิงอาเซียน', as the Thai Office of the Education Council names it (TH_ONEC_2018).
    Fw("aqrf", "reference", [("ASEAN Qualifications Reference Framework", "en")], "ASEAN",
       [MQA_AQRF, AANZFTA_AQRF_2016, AQRF_DOC_2016, BN_BDNAC_AQRF, TH_ONEC_2018], acronyms=["AQRF"],
       copies=[AQRF_TEXT_COPY], domain_copies=[AQRF_TEXT_COPY, ASEAN_SID_2016_COPY],
       alt_labels=[("กรอบคุณวุฒิอ้างอิงอาเซียน", "th")],
       domains=AQRF_DOMAINS, levels=numbered(8), level_sources=[MQA_AQRF], organisations=["aqrf-committee"],
       description="An eight-level regional reference framework; the NQFs referenced to it typically have 8 or 9 "
                   "levels. Endorsed by the ASEAN Economic Ministers (Aug 2014), the ASEAN Education Ministers "
                   "(Sept 2014) and the ASEAN Labour Ministers by ad-referendum (Nov 2014 - May 2015). Referencing "
                   "is judged against 11 referencing criteria.",
       notes=["the descriptor domains are the AQRF document's (January 2016, at the address the ASEAN "
              "Secretariat's presentation of 13 Dec 2016 gives), read in a copy of its text and in a copy of that "
              "presentation (prov:wasDerivedFrom); the descriptors embed cognitive, functional, personal and ethical "
              "competence, and their table was not read"]),
    Fw("eqf", "reference",
       [("European Qualifications Framework", "en"),
        ("Europäischer Qualifikationsrahmen für lebenslanges Lernen", "de"),
        ("Cadre européen des certifications", "fr"), ("Europejska Rama Kwalifikacji", "pl")], "EU/EEA",
       [EURLEX_EQF_2017, CTDL_EQF_JSON, DQR_FAQ, DQR_IHK, EQF_NAME_DE, EQF_NAME_FR, EQF_NAME_FR_EUROPASS, EQF_NAME_PL],
       acronyms=["EQF"],
       # German: 'EQR', as the DQR's FAQ quotes it ("... den acht Niveaus des EQR zugeordnet werden können"); French
       # 'CEC' and Polish 'ERK', as the pages above give them
       alt_labels=[("EQR", "de"), ("CEC", "fr"), ("ERK", "pl")],
       domains=[("Knowledge", "en"), ("Skills", "en"), ("Responsibility and autonomy", "en")],
       levels=numbered(8, close={k: f"http://data.europa.eu/snb/eqf/{k}" for k in range(1, 9)}),
       level_sources=[EURLEX_EQF_2017, ELM_EQF_XSD],
       notes=["descriptor domains of the 2017 Recommendation (OJ C 189, 15.6.2017); the 2008 Recommendation used "
              "knowledge, skills and competence",
              "level descriptors: the text of Annex II of the 2017 Recommendation, each citing the Recommendation on "
              "EUR-Lex; Annex II was read in copies that reproduce it (named on each descriptor as prov:wasDerivedFrom, "
              "with pages that agree as rdfs:seeAlso), not on EUR-Lex itself",
              "levels are linked with skos:closeMatch to the EU's EQF level concepts "
              "(http://data.europa.eu/snb/eqf/1 ... /8, scheme http://data.europa.eu/snb/eqf/25831c2)"]),
    Fw("pacific-pqf", "reference", [("Pacific Qualifications Framework", "en")], "Pacific",
       [EQAP_PQF, EQAP_PRQS, SPC_PQRP_2025, KIRIBATI_PQF, SPC_FNU_MQ_2020], copies=[PQF_DOC_2015],
       acronyms=["PQF"],
       publisher="eqap",
       organisations=["pqab"],
       description="A regional meta-framework that also serves as the national qualifications framework of Pacific "
                   "countries that do not yet have one; outcomes-based and credit-based (1 credit = 10 notional "
                   "hours; 120 credits are about one year full time); developed since 2004. Kiribati adopted it "
                   "as its national framework.",
       notes=["unconfirmed: the PQF is commonly said to have 10 levels, but no primary source read states the "
              "number, so its levels are not recorded here",
              "the PQF's levels are in use: SPC's release of September 2020 says an FNU micro-qualification was "
              "accredited by the Pacific Board for Educational Quality 'at Level 5 of the Pacific Qualification "
              "Framework'; that names one level, not the list of levels",
              "unconfirmed: the names of its descriptor domains (the EQAP page says only 'progressive complexity "
              "of knowledge, skills and competence')",
              "referencing and benchmarking of 9 Pacific Island countries and New Zealand to the PQF is under way "
              "(Pacific Qualifications Recognition Project, 2023-2028); no completed referencing has been sourced"]),
    # ---- Europe ----------------------------------------------------------------------------
    Fw("ie-nfq", "national", [("Irish National Framework of Qualifications", "en")], "IE",
       [QQI_NFQ, ELM_NQF_XSD, QQI_NFQ_GRID], acronyms=["NFQ"], publisher="ie-qqi",
       close=[qdr(QDR_FRAMEWORK["ie-nfq"])],
       # The descriptor domains are the eight sub-strands of QQI's grid of level indicators (three strands: knowledge,
       # know-how & skill, competence).
       domains=NFQ_DOMAINS,
       levels=numbered(10, close=qdr_map(QDR_IE)), level_sources=[QQI_NFQ, ELM_NQF_XSD],
       notes=["level descriptors: the NFQ's level indicators, one per sub-strand of QQI's grid of level indicators; "
              "only levels 1 and 2 are recorded, the blocks of QQI's grid page that were read whole (the page names no "
              "level: its blocks run from level 1 up, and the start of its third block is the level 3 indicators as the "
              "Competition and Consumer Protection Commission quotes them, "
              "https://moneymatters.ccpc.ie/teachers/course-specification/appendix-3-level-indicators-for-level-3-of-the-nqf); "
              "the text of levels 3-10 on that page has not been read",
              "qualification types: the major award types of levels 4-10, each from an official page that states its "
              "level (QQI, QQI's NARIC database, a minister's written answer in the Dáil, the EU's Europass comparison "
              "of Ireland and Estonia for levels 7, 9 and 10 and the Professional Award); no official page read states "
              "the types of levels 1-3"]),
    Fw("uk-scqf", "national", [("Scottish Credit and Qualifications Framework", "en")], "GB",
       [SCQF_WIKI, CTDL_SCQF_JSON, ELM_NQF_XSD, SCQF_LEVEL_DESCRIPTORS], acronyms=["SCQF"], scope_note="Scotland",
       close=[qdr(QDR_FRAMEWORK["uk-scqf"])],
       domains=SCQF_DOMAINS,
       levels=numbered(12, scope={12: "doctorates"}, close=qdr_map(QDR_SCQF)),
       level_sources=[SCQF_WIKI, CTDL_SCQF_JSON, ELM_NQF_XSD],
       notes=["1 SCQF credit point = 10 notional hours of learning",
              "level descriptors: levels 1 and 3 are recorded, each citing the SCQF Partnership's level-descriptor "
              "page; level 1 as that page gives it, level 3 as the revised level descriptors of August 2012 give it, "
              "read in a yumpu copy of the booklet (prov:wasDerivedFrom) whose level 1 agrees word for word with the "
              "page; each bullet point is a line; levels 2 and 4 were read whole only in CredentialEngine's CTDL "
              "example (not a document copy), and the text of levels 5-12 has not been read in full"]),
    Fw("uk-rqf", "national", [("Regulated Qualifications Framework", "en")], "GB",
       [RQF_MDWIKI, RQF_ISSE, ELM_NQF_XSD], acronyms=["RQF"], scope_note="England and Northern Ireland",
       close=[qdr(QDR_FRAMEWORK["uk-rqf"])],
       domains=[("Knowledge", "en"), ("Skills", "en")],
       levels=uk_levels({"E1": qdr(QDR_RQF_ENTRY_1_2), "E2": qdr(QDR_RQF_ENTRY_1_2)},
                        {"E3": qdr(QDR_RQF_ENTRY_3)}, qdr_map(QDR_RQF)),
       level_sources=[RQF_MDWIKI, ELM_NQF_XSD],
       notes=["nine levels: Entry level (with sub-levels E1-E3) and levels 1-8; the Entry sub-levels are recorded "
              "as levels E1-E3 with ranks -2, -1 and 0 so that ranks stay unique and ascending"]),
    # Welsh: 'Fframwaith Credydau a Chymwysterau Cymru' (FfCChC), the Welsh Government's Welsh page (CQFW_WG_CY).
    Fw("uk-cqfw", "national",
       [("Credit and Qualifications Framework for Wales", "en"), ("Fframwaith Credydau a Chymwysterau Cymru", "cy")],
       "GB", [RQF_MDWIKI, ELM_NQF_XSD, CQFW_WG_CY], acronyms=["CQFW", "FfCChC"], scope_note="Wales",
       close=[qdr(QDR_FRAMEWORK["uk-cqfw"])],
       levels=uk_levels({f"E{k}": qdr(QDR_CQFW_ENTRY_1_3) for k in (1, 2, 3)}, {}, qdr_map(QDR_CQFW)),
       level_sources=[RQF_MDWIKI, ELM_NQF_XSD],
       notes=["the same nine levels as the RQF (Entry, with sub-levels E1-E3, and levels 1-8); regulated "
              "qualifications use the RQF level descriptors, so no descriptor domains of its own are recorded"]),
    Fw("fr-cncp", "national",
       [("Cadre national des certifications professionnelles", "fr"),
        ("French national framework of professional certifications", "en")], "FR",
       [INSEE_NIVEAUX, AEF_2019],
       domains=[("Savoirs", "fr"), ("Savoir-faire", "fr"), ("Responsabilité et autonomie", "fr")],
       levels=[Lvl(str(k), k, [(f"Niveau {k}", "fr"), (f"Level {k}", "en")]) for k in range(1, 9)],
       level_sources=[INSEE_NIVEAUX], created="2019-01-08",
       description="The eight-level framework of Décret n° 2019-14 of 8 January 2019, 'cohérent avec le Cadre "
                   "européen'; it replaced the five-level nomenclature of 1969."),
    Fw("fr-1969", "national", [("French five-level nomenclature of 1969", "en")], "FR",
       [INSEE_NIVEAUX, ATHEME, ELM_NQF_XSD], created="1969", replaced_by="fr-cncp",
       levels=[
           Lvl("V", 1, [("Niveau V", "fr"), ("Level V", "en")], close=[qdr(QDR_RNCP["V"])]),
           Lvl("IV", 2, [("Niveau IV", "fr"), ("Level IV", "en")], close=[qdr(QDR_RNCP["IV"])]),
           Lvl("III", 3, [("Niveau III", "fr"), ("Level III", "en")], close=[qdr(QDR_RNCP["III"])]),
           Lvl("II", 4, [("Niveau II", "fr"), ("Level II", "en")], close=[qdr(QDR_RNCP["II"])]),
           Lvl("I", 5, [("Niveau I", "fr"), ("Level I", "en")], narrow=[qdr(c) for c in QDR_RNCP_I],
               notes=["the EU QDR list splits old level I into 'I-Master' and 'I-Doctorat'"]),
       ],
       level_sources=[INSEE_NIVEAUX, ELM_NQF_XSD],
       description="The five-level nomenclature (V, the lowest, to I) replaced by Décret n° 2019-14 of 8 January "
                   "2019; it had no equivalent of EQF levels 1-2."),
    # Austria: 'Nationaler Qualifikationsrahmen' (the NQR Act), levels 'NQR-Qualifikationsniveau I' ... 'VIII' as the
    # NQR register names them.
    Fw("at-nqr", "national",
       [("Austrian National Qualifications Framework", "en"), ("Nationaler Qualifikationsrahmen", "de")], "AT",
       [AT_NQR_DESCRIPTORS, AT_UNIBERICHT_NQR, ELM_NQF_XSD], acronyms=["NQR"],
       close=[qdr(QDR_FRAMEWORK["at-nqr"])],
       levels=[Lvl(str(k), k, [(f"NQR-Qualifikationsniveau {ROMAN[k - 1]}", "de"), (f"Level {k}", "en")],
                   close=[qdr(QDR_AT[k])]) for k in range(1, 9)],
       level_sources=[AT_NQR_DESCRIPTORS, AT_NQR_ZUORDNUNGEN, ELM_NQF_XSD],
       description="Eight levels (I to VIII) set by the Federal Act on the National Qualifications Framework (NQR-"
                   "Gesetz, BGBl. I Nr. 14/2016, in force since 15 March 2016). Levels 1 to 5 are characterised by the "
                   "EQF's descriptors; at levels 6 to 8 Bologna qualifications are placed by the Dublin descriptors "
                   "and all others by the EQF's (the 'Y model').",
       notes=["the register writes the levels in Roman numerals (NQR-Qualifikationsniveau I to VIII); the notation "
              "here is the level's number"]),
    # Estonia: 'EstQF' (English), 'EKR' (Estonian acronym, Eurydice); 'Eesti kvalifikatsiooniraamistik (EKR)' (the
    # Ministry's and the Estonian Qualifications Authority's Estonian pages, EE_HM_ET and EE_KUTSEKODA_ET).
    Fw("ee-estqf", "national", [("Estonian Qualifications Framework", "en"), ("Eesti kvalifikatsiooniraamistik", "et")],
       "EE", [EE_KUTSEKODA, EE_HM, EE_EURYDICE, ELM_NQF_XSD, EE_HM_ET, EE_KUTSEKODA_ET], acronyms=["EstQF", "EKR"],
       close=[qdr(QDR_FRAMEWORK["ee-estqf"])],
       # The columns of the Estonian Qualifications Authority's table of level descriptions (EE_KUTSEKODA_TASEMED),
       # each named by its heading without the heading's explanation in brackets.
       domains=[("Teadmised", "et"), ("Oskused", "et"), ("Vastutuse ja iseseisva tegutsemise ulatus", "et")],
       levels=numbered(8, close=qdr_map(QDR_EE)), level_sources=[EE_KUTSEKODA, EE_HM, ELM_NQF_XSD], created="2008",
       description="A comprehensive eight-level framework established in 2008 by the Occupational Qualifications "
                   "Act, with four sub-frameworks (general education, VET, higher education and occupational "
                   "qualifications); its level descriptions are identical with the EQF level descriptions.",
       notes=["level descriptors: levels 1-4, in Estonian, as the Estonian Qualifications Authority's page "
              "'Tasemekirjeldused' (vana.kutsekoda.ee, its older site) gives them in its three columns 'Teadmised "
              "(eristatakse teoreetilised ja faktiteadmised', 'Oskused (eristatakse kognitiivseid: ... ja praktilisi "
              "oskusi ...)' and 'Vastutuse ja iseseisva tegutsemise ulatus', named here by their headings without the "
              "explanations in brackets; one statement a line; the stored page stops in the level 5 'Oskused' cell, so "
              "levels 5-8 are not recorded"]),
    # Netherlands: the NLQF has eight levels and an entry level (NCP NLQF); 'NLQF-niveau' is Nuffic's column name.
    Fw("nl-nlqf", "national", [("Dutch Qualifications Framework", "en"), ("Nederlands Kwalificatieraamwerk", "nl")],
       "NL", [NLQF_NL, NLQF_EN, NUFFIC_NL_FRAMEWORKS, ELM_NQF_XSD], acronyms=["NLQF"],
       close=[qdr(QDR_FRAMEWORK["nl-nlqf"])],
       levels=[Lvl(str(k), k, [(f"Level {k}", "en"), (f"NLQF-niveau {k}", "nl")], close=[qdr(QDR_NL[k])])
               for k in range(1, 9)],
       level_sources=[NLQF_NL, NLQF_EN, NUFFIC_NL_DIPLOMAS, ELM_NQF_XSD],
       description="An entry level and eight levels, from level 1 (basic education) to the doctorate at level 8; "
                   "the national coordination point NCP NLQF classifies qualifications in it.",
       notes=["unconfirmed: the EQF referencing of the NLQF's entry level (instroomniveau), below level 1. No source "
              "read places it against the EQF, so the entry level is not recorded (a level without a decision would "
              "invite a guessed one) and the EU register's 'NLQF Entry Level' is not linked",
              "Nuffic's table gives the vwo diploma as NLQF '4+' (EQF 4); the NCP NLQF describes the framework as "
              "eight levels and an entry level, so 4+ is not recorded as a level of its own, and the EU register's "
              "'NLQF Level 4+' is not linked"]),
    # Portugal: 'QNQ' (Cedefop); the DGES names the descriptor domains; 'Quadro Nacional de Qualificações (QNQ)' (ANQEP's
    # pages, PT_ANQEP and PT_ANQEP_CATALOGO).
    Fw("pt-qnq", "national",
       [("Portuguese National Qualifications Framework", "en"), ("Quadro Nacional de Qualificações", "pt")], "PT",
       [PT_DGES, PT_CEDEFOP, ELM_NQF_XSD, PT_ANQEP, PT_ANQEP_CATALOGO], acronyms=["QNQ"],
       close=[qdr(QDR_FRAMEWORK["pt-qnq"])],
       domains=[("Knowledge", "en"), ("Skills", "en"), ("Attitudes", "en")],
       levels=numbered(8, close=qdr_map(QDR_PT)), level_sources=[PT_DGES, ELM_NQF_XSD],
       description="A single framework of eight qualification levels for all education and training, in force since "
                   "1 October 2010; it adopts the EQF's qualification levels and their descriptors."),
    # Sweden: 'Sveriges referensram för kvalifikationer, SeQF' (Eurydice's news); its full name 'Sveriges referensram för
    # kvalifikationer för livslångt lärande (SeQF)' (MYH's Swedish page, SE_MYH_SV).
    Fw("se-seqf", "national",
       [("Swedish Qualifications Framework", "en"), ("Sveriges referensram för kvalifikationer", "sv")], "SE",
       [SE_EURYDICE, SE_MYH, SE_EURYDICE_NEWS, ELM_NQF_XSD, SE_MYH_SV], acronyms=["SeQF"],
       alt_labels=[("Sveriges referensram för kvalifikationer för livslångt lärande", "sv")],
       close=[qdr(QDR_FRAMEWORK["se-seqf"])],
       levels=numbered(8, close=qdr_map(QDR_SE)), level_sources=[SE_EURYDICE, ELM_NQF_XSD], created="2015-10-01",
       description="Eight qualification levels, introduced on 1 October 2015; coordinated by the "
                   "Swedish National Agency for Higher Vocational Education (Myndigheten för yrkeshögskolan)."),
    # Cyprus: twelve levels as the CyQF's diagram numbers them (1-4, 5a-5c, 6, 7a-7c, 8), the sub-levels as levels of
    # their own, as the EU register lists them ('CyQF Level 5a' ...).
    Fw("cy-cyqf", "national", [("Cyprus Qualifications Framework", "en")], "CY",
       [CY_DIAGRAM_EN, CY_DIAGRAM_EL, CY_CEDEFOP, ELM_NQF_XSD], acronyms=["CyQF"],
       close=[qdr(QDR_FRAMEWORK["cy-cyqf"])],
       levels=[Lvl(n, rank, [(f"Level {n}", "en")], close=[qdr(QDR_CY[n])],
                   notes=[f"a sub-level of level {n[0]} in the CyQF's diagram"] if len(n) > 1 else [])
               for rank, (n, _) in enumerate(CY_LEVELS, start=1)],
       level_sources=[CY_DIAGRAM_EN, CY_DIAGRAM_EL, ELM_NQF_XSD],
       description="A comprehensive framework of eight levels, with sub-levels 5a-5c and 7a-7c, developed 'based on the "
                   "eight levels of the European Qualifications Framework' (CyQF Committee); the Council of Ministers "
                   "approved it in 2012 (Cedefop). Occupational qualifications of the System of Vocational "
                   "Qualifications (SVQ levels 3-6) stand beside the educational ones at levels 3-6.",
       notes=["the levels are ranked in the order of the diagram (1, 2, 3, 4, 5a, 5b, 5c, 6, 7a, 7b, 7c, 8); the rank "
              "is the position in that order, not a level number",
              "no Greek name of the framework is recorded: the Greek page gives it only in capitals ('ΤΟ ΚΥΠΡΙΑΚΟ "
              "ΠΛΑΙΣΙΟ ΠΡΟΣΟΝΤΩΝ'), and its accented form was read only in the press"]),
    # Lithuania: 'Lietuvos kvalifikacijų sandara (LTKS)' (the Ministry and KPMPC); 'LTQF' in English.
    Fw("lt-ltqf", "national",
       [("Lithuanian Qualifications Framework", "en"), ("Lietuvos kvalifikacijų sandara", "lt")], "LT",
       [LT_SMSM, LT_KPMPC, LT_KPMPC_LT, LT_CEDEFOP, ELM_NQF_XSD], acronyms=["LTQF", "LTKS"],
       close=[qdr(QDR_FRAMEWORK["lt-ltqf"])],
       levels=numbered(8, close=qdr_map(QDR_LT)), level_sources=[LT_SMSM, LT_KPMPC, ELM_NQF_XSD],
       created="2010-05-04",
       description="Eight qualification levels for all education and training, described by the complexity, autonomy "
                   "and variability of the activities a qualification holder is prepared for; approved by the "
                   "Government's resolution of 4 May 2010 (No 535), renewed on 24 July 2019. Qualifications 'for "
                   "working' and 'for learning' are distinguished."),
    # Switzerland: the NQF VPQ (SERI's name; 'Nationaler Qualifikationsrahmen für Abschlüsse der Berufsbildung', Cedefop).
    # Higher education has a framework of its own (nqf.ch-HS), not bundled.
    Fw("ch-nqf-vpq", "national",
       [("National Qualifications Framework for Vocational and Professional Qualifications", "en"),
        ("Nationaler Qualifikationsrahmen für Abschlüsse der Berufsbildung", "de")], "CH",
       [CH_SERI_NQF, CH_SERI_EQF, CH_CEDEFOP_2020, CH_CEDEFOP_2024, ELM_NQF_XSD], acronyms=["NQF VPQ"],
       close=[qdr(QDR_FRAMEWORK["ch-nqf-vpq"])],
       # SERI's short description of each level, on its page of that title (CH_SERI_LEVELS_DE).
       domains=[("Die Niveaustufen des NQR Berufsbildung", "de")],
       levels=numbered(8, close=qdr_map(QDR_CH)), level_sources=[CH_SERI_NQF, CH_SERI_EQF, ELM_NQF_XSD],
       created="2014-10-01",
       description="Eight reference levels to which all formal vocational and professional qualifications (upper-"
                   "secondary vocational and tertiary-level professional qualifications) are assigned (SERI); "
                   "legally embedded by the Regulation on the NQF for VET qualifications, in force since 1 October "
                   "2014 (Cedefop). Higher education qualifications are not referenced to it: they have their own "
                   "framework (nqf.ch-HS).",
       notes=["the EU register names the framework 'National Qualifications Framework of Swiss Vocational and "
              "Professional Education' and its levels 'NQF VPET Level n'; SERI now calls it the NQF VPQ",
              "the Swiss higher education framework (nqf.ch-HS) is not bundled",
              "level descriptors: levels 1-8, in German, as SERI's page 'Die Niveaustufen des NQR Berufsbildung' gives "
              "them: a short description of each level, recorded in one domain named after that page; SERI says the "
              "detailed description is the annex of the ordinance (V-NQR-BB, Anhang 1: the requirement categories "
              "'Kenntnisse', 'Fertigkeiten' and 'Kompetenzen', Art. 3), which was not read, so those three categories "
              "are not recorded as domains"]),
    # Iceland: nine levels as ENIC/NARIC Iceland's table numbers them (1-4, 5.1, 5.2, 6.1, 6.2, 7); 'Hæfnirammi um
    # íslenska menntun' (the Government Gazette's advertisement no. 400/2021, IS_GAZETTE_2021; mms.is).
    Fw("is-isqf", "national",
       [("Icelandic Qualifications Framework", "en"), ("Hæfnirammi um íslenska menntun", "is")], "IS",
       [IS_ENIC_ISQF, IS_CEDEFOP, ELM_NQF_XSD, IS_GAZETTE_2021, IS_MMS], acronyms=["ISQF"],
       close=[qdr(QDR_FRAMEWORK["is-isqf"])],
       # ENIC/NARIC Iceland's table gives each level's descriptor in one column, headed as below.
       domains=[("Descriptors of the Icelandic Qualification Framework", "en")],
       levels=[Lvl(n, rank, [(f"Level {n}", "en")], close=[qdr(QDR_IS[n])],
                   notes=[f"a sub-level of level {n[0]} in ENIC/NARIC Iceland's table"] if "." in n else [])
               for rank, (n, _) in enumerate(IS_LEVELS, start=1)],
       level_sources=[IS_ENIC_ISQF, ELM_NQF_XSD],
       description="A framework of seven levels, with sub-levels 5.1-5.2 and 6.1-6.2 (ENIC/NARIC Iceland); it has no "
                   "act of its own but builds on the acts on compulsory, upper secondary, higher and adult education; "
                   "the education ministry approved its new version in 2016 (Cedefop).",
       notes=["the levels are ranked in the order of the table (1, 2, 3, 4, 5.1, 5.2, 6.1, 6.2, 7); the rank is the "
              "position in that order, not a level number",
              "the Icelandic name is the title the Government Gazette gives it (advertisement no. 400/2021, 6 April "
              "2021, by which the mennta- og menningarmálaráðherra issued the framework in Icelandic and English); the "
              "level labels are English only: the gazette and mms.is speak of 'hæfniþrep' without naming each level",
              "level descriptors: ENIC/NARIC Iceland's table gives each level's descriptor in one cell of its column "
              "'Descriptors of the Icelandic Qualification Framework' (a sentence on knowledge, one on skills, one on "
              "competence, not headed), recorded as one descriptor in that one domain; levels 5.1, 5.2, 6.1, 6.2 and 7 "
              "are recorded, the rows read whole (the stored page stops in the level 4 cell); the descriptors of the "
              "ministry's own ISQF texts were not read"]),
    # Greece: the HQF (EOPPEP's name in English; 'Εθνικό Πλαίσιο Προσόντων' in Greek, Eurydice's Greek page).
    Fw("gr-hqf", "national",
       [("Hellenic Qualifications Framework", "en"), ("Εθνικό Πλαίσιο Προσόντων", "el")], "GR",
       [GR_NQF_HQF, GR_NQF_LEVELS, GR_EURYDICE_EL, GR_CEDEFOP, ELM_NQF_XSD], acronyms=["HQF"],
       close=[qdr(QDR_FRAMEWORK["gr-hqf"])],
       # The columns of EOPPEP's table of the HQF levels' learning outcomes.
       domains=[("Knowledge", "en"), ("Skills", "en"), ("Competence", "en")],
       levels=numbered(8, close=qdr_map(QDR_GR)), level_sources=[GR_NQF_LEVELS, ELM_NQF_XSD],
       description="A comprehensive framework of eight levels, each defined by descriptors of knowledge, skills and "
                   "competence, with qualification types as the element for classifying qualifications (EOPPEP's HQF "
                   "site; Cedefop); developed by EOPPEP, the national coordination point. Law 4763/2020 re-established "
                   "it as the National Qualifications Framework (Eurydice).",
       notes=["no qualification types are recorded: the English table on nqf.gov.gr places the lower secondary school "
              "certificate at level 1 and the elementary school certificate at level 2, whereas the EU's qualification "
              "page for the lower secondary school certificate (Apolytirio Gymnasiou) gives NQF level 2; the two "
              "first rows of that table's qualification columns look swapped, so they are not used",
              "level descriptors: levels 1-3, as EOPPEP's English table of the HQF levels' learning outcomes gives them "
              "(proson.eoppep.gr/en/HQFLevels, columns Knowledge, Skills, Competence); the level 1 'Competence' cell "
              "ends 'under direct supervision in a structured' on that page and is recorded so; the stored page stops "
              "in the level 4 'Skills' cell, so levels 4-8 are not recorded"]),
    # Slovenia: the SQF, 'Slovensko ogrodje kvalifikacij (SOK)' (nok.si; CPI), ten levels.
    Fw("si-sqf", "national",
       [("Slovenian Qualifications Framework", "en"), ("Slovensko ogrodje kvalifikacij", "sl")], "SI",
       [SI_NOK_EN, SI_NOK_SOK, SI_CPI_SOK, SI_EURYDICE, SI_CEDEFOP, ELM_NQF_XSD], acronyms=["SQF", "SOK"],
       close=[qdr(QDR_FRAMEWORK["si-sqf"])],
       # The headings of nok.si's SQF level descriptors (SI_NOK_HOME): 'Znanje', 'Spretnosti', 'Kompetence'.
       domains=[("Znanje", "sl"), ("Spretnosti", "sl"), ("Kompetence", "sl")],
       levels=numbered(10, close=qdr_map(QDR_SI)), level_sources=[SI_NOK_EN, SI_NOK_SOK, ELM_NQF_XSD],
       created="2016",
       description="A single framework of ten levels into which all qualifications obtainable in Slovenia are "
                   "classified by learning outcomes (educational, vocational and supplementary qualifications); its "
                   "ten levels are linked with the EQF's eight through the level descriptors of both frameworks (CPI). "
                   "Set out by the Slovenian Qualifications Framework Act (Official Journal 104/2015), in force in "
                   "January 2016 (Cedefop); CPI is the national coordination point (Eurydice).",
       notes=["level descriptors: level 1 only, in Slovene, as nok.si's home page gives it under 'SOK raven 1 / EOK "
              "raven 1' and the headings 'Znanje', 'Spretnosti', 'Kompetence'; the stored page stops in the level 2 "
              "'Kompetence' text; nok.si's English home page gives the same blocks in English ('Knowledge', 'Skills', "
              "'Competences'), not recorded (one language per descriptor); the Act's annex on uradni-list.si was read "
              "only to its first articles"]),
    # Italy: the QNQ, 'Quadro nazionale delle qualificazioni' (the decree's title in the Gazzetta Ufficiale).
    Fw("it-qnq", "national",
       [("Italian National Qualifications Framework", "en"), ("Quadro nazionale delle qualificazioni", "it")], "IT",
       [IT_GU_QNQ_ART3, IT_CEDEFOP, IT_INAPP_NCP, ELM_NQF_XSD], acronyms=["QNQ"],
       close=[qdr(QDR_FRAMEWORK["it-qnq"])],
       domains=[("Conoscenze", "it"), ("Abilità", "it"), ("Autonomia e responsabilità", "it")],
       levels=numbered(8, close=qdr_map(QDR_IT)), level_sources=[IT_GU_QNQ_ART3, ELM_NQF_XSD],
       created="2018-01-08",
       description="Established by the inter-ministerial decree of 8 January 2018 (Gazzetta Ufficiale n. 20 of 25 January "
                   "2018) as the national device for referencing Italian qualifications to the EQF: in line with the EQF, "
                   "it is developed in three descriptive dimensions (knowledge, skills, autonomy and responsibility) and "
                   "eight levels of increasing complexity (Art. 3). INAPP is the EQF national coordination point.",
       notes=["the descriptor domains are the three dimensions of Art. 3(1)(a) of the decree, which the Gazzetta's "
              "text gives as \"conoscenze; abilita'; autonomia e responsabilita'\" (its apostrophes stand for the "
              "accents)",
              "the acronym QNQ is also Portugal's framework's (pt-qnq); the two are different frameworks"]),
    # Liechtenstein: the NQFL (nqfl.li), eight levels; a VET part and a higher education part (NQFL-HS).
    Fw("li-nqfl", "national", [("National Qualifications Framework of Liechtenstein", "en")], "LI",
       [LI_NQFL_LEVELS, LI_NQFL_SYSTEM, LI_CEDEFOP, ELM_NQF_XSD], acronyms=["NQFL"],
       close=[qdr(QDR_FRAMEWORK["li-nqfl"])],
       domains=[("Knowledge", "en"), ("Skills", "en"), ("Competences", "en")],
       levels=numbered(8, close=qdr_map(QDR_LI)), level_sources=[LI_NQFL_LEVELS, ELM_NQF_XSD],
       description="A grid of eight levels in which all formal qualifications of the Liechtenstein VET system are "
                   "classified by action-competence-oriented descriptors (knowledge, skills, competences), adapted from the "
                   "EQF's by SERI; the NQFL has a VET part and a higher education part (NQFL-HS), developed by the Agency "
                   "for International Educational Affairs after the government's decision of 2011 (nqfl.li).",
       notes=["the EU register names the framework 'National Qualifications Framework for Lifelong Learning for "
              "Liechtenstein' and its levels 'NQFL Level n'",
              "no German name of the framework is recorded: none was read on an official page"]),
    # Denmark: the Danish Qualifications Framework for Lifelong Learning (ufm.dk), eight levels; 'Den danske
    # Kvalifikationsramme for Livslang Læring' (the ministry's Danish page). The register calls it 'Danish National
    # Qualifications Framework' and its levels 'DK NQF Level n'; Cedefop's acronym is DKQF.
    Fw("dk-dkqf", "national",
       [("Danish Qualifications Framework for Lifelong Learning", "en"),
        ("Den danske Kvalifikationsramme for Livslang Læring", "da")], "DK",
       [DK_UFM_ABOUT, DK_UFM_ABOUT_DA, DK_CEDEFOP, ELM_NQF_XSD], acronyms=["DKQF"],
       close=[qdr(QDR_FRAMEWORK["dk-dkqf"])],
       domains=[("Knowledge", "en"), ("Skills", "en"), ("Competence", "en")],
       levels=numbered(8, close=qdr_map(QDR_DK)), level_sources=[DK_UFM_LEVELS, ELM_NQF_XSD],
       created="2009",
       description="A comprehensive, systematic layered classification of publicly recognised qualifications, from "
                   "primary and lower secondary to university level and adult and continuing education, in eight levels "
                   "whose descriptors express learning outcomes as knowledge, skills and competence (the Ministry of "
                   "Higher Education and Science). Approved in 2009 by the ministers for higher education and science, "
                   "for children and education and for culture; no specific legal act (Cedefop).",
       notes=["the EU register names the framework 'Danish National Qualifications Framework' and its levels 'DK NQF "
              "Level n'",
              "level descriptors: the learning outcomes of the ministry's page for each level (ufm.dk), one statement a "
              "line, under the headings Knowledge, Skills and Competence; levels 1 and 4 from their English pages, "
              "whose blocks of statements have no headings there, with the Danish page of the level, which heads the "
              "same blocks 'Viden', 'Færdigheder' and 'Kompetencer'; level 5, whose page is not stored, is not "
              "recorded"]),
    # Finland: the FiNQF, 'tutkintojen ja muiden osaamiskokonaisuuksien viitekehys' (Act 93/2017, § 2; the ministry's
    # page title), eight levels ('vaativuustasot').
    Fw("fi-finqf", "national",
       [("National Framework for Qualifications and Other Competence Modules", "en"),
        ("Tutkintojen ja muiden osaamiskokonaisuuksien viitekehys", "fi")], "FI",
       [FI_FINLEX_ACT, FI_MINEDU, FI_OPH, FI_CEDEFOP, ELM_NQF_XSD], acronyms=["FiNQF"],
       close=[qdr(QDR_FRAMEWORK["fi-finqf"])],
       # The decree's annex gives each level's description in its first column, under the row label 'Taso n'; the
       # column is headed as below (FI_FINLEX_ANNEX).
       domains=[("Kansallinen vaativuustaso / eurooppalaisen tutkintojen viitekehyksen taso", "fi")],
       levels=numbered(8, close=qdr_map(QDR_FI)), level_sources=[FI_FINLEX_ACT, FI_OPH, ELM_NQF_XSD],
       created="2017-03-01",
       description="Qualifications, syllabi and other extensive competence modules of the Finnish education system "
                   "are classified into eight levels by the competence they require (Act 93/2017, § 2; OPH); the "
                   "Government Decree 120/2017 places them on the levels in its annex, amended by later decrees. Act "
                   "and decree came into force on 1 March 2017 (Cedefop). OPH, the Finnish National Agency for "
                   "Education, is the national coordination point.",
       notes=["the EU register names the framework 'Finnish National Qualifications Framework' and its levels 'FiNQF "
              "Level n'",
              "the level labels are English only: the annex's Finnish row labels ('Taso n') were read for levels 1 and "
              "2 only",
              "level descriptors: level 1 only, in Finnish, as the annex of Government Decree 425/2022 on Finlex gives "
              "it in its column 'Kansallinen vaativuustaso / eurooppalaisen tutkintojen viitekehyksen taso' (one "
              "description a level, not divided into knowledge, skills and competence), its two paragraphs a line "
              "each; the stored text stops in the level 2 row, after that row's first paragraph and the qualification "
              "cell 'Perusopetuksen oppimäärä', so level 2 is not recorded"]),
    # Belgium, Flemish Community: the VKS, 'Vlaamse kwalificatiestructuur' (the Flemish government's VKS site), eight
    # levels ('De 8 VKS-niveaus'); 'Flemish Qualifications Framework (FQF)' in English (the site's English page;
    # Nuffic; Cedefop). The register calls it 'Flemish qualifications framework' and its levels 'FQF Level n'.
    Fw("be-vks", "national",
       [("Flemish Qualifications Framework", "en"), ("Vlaamse kwalificatiestructuur", "nl")], "BE",
       [BE_VKS_LEVELS, BE_VKS_EN, BE_VKS_DECREE, BE_FL_CEDEFOP, ELM_NQF_XSD], acronyms=["VKS", "FQF"],
       scope_note="Flemish Community",
       close=[qdr(QDR_FRAMEWORK["be-vks"])],
       levels=numbered(8, close=qdr_map(QDR_BE_VKS)),
       level_sources=[BE_VKS_LEVELS, BE_FL_NUFFIC_FRAMEWORK_EN, ELM_NQF_XSD],
       created="2009-04-30",
       description="The Flemish qualification structure collects all recognised qualifications, professional and "
                   "educational, at eight levels, each set by five elements: knowledge, skills, context, autonomy and "
                   "responsibility; the Government of Flanders recognises the qualifications (vlaamsekwalificatiestructuur"
                   ".be). Introduced by the decree on the qualification structure of 30 April 2009 (Edulex; Cedefop).",
       notes=["the EU register names the framework 'Flemish qualifications framework' and its levels 'FQF Level n'",
              "the level labels are English only: the VKS site numbers its levels ('VKS niveau 8' ... '1') without a "
              "label of their own"]),
    # Belgium, French Community: the CFC, 'Cadre francophone des certifications' (cfc.cfwb.be), eight levels. The
    # register calls it 'Qualifications Framework of the French Community of Belgium' and its levels 'CFC Level n'.
    Fw("be-cfc", "national",
       [("Francophone Qualifications Framework", "en"), ("Cadre francophone des certifications", "fr")], "BE",
       [BE_CFC, BE_CFC_AGREEMENT, BE_FR_CEDEFOP, ELM_NQF_XSD], acronyms=["CFC"],
       scope_note="French Community (Wallonia-Brussels Federation)",
       close=[qdr(QDR_FRAMEWORK["be-cfc"])],
       levels=numbered(8, close=qdr_map(QDR_BE_CFC)),
       level_sources=[BE_CFC, ELM_NQF_XSD],
       created="2015-02-26",
       description="An instrument that places qualifications on a scale from the basic level (level 1) to the "
                   "advanced level (level 8) by the generic descriptors of each level; it classifies only qualifications "
                   "awarded by public bodies of the French Community of Belgium (education, vocational training, "
                   "validation of competences), with a double entry for educational and professional qualifications "
                   "(cfc.cfwb.be; Cedefop). Created by the cooperation agreement of 26 February 2015 between the French "
                   "Community, the Walloon Region and the French Community Commission (Wallex), approved by decree in "
                   "2015 (Cedefop).",
       notes=["the EU register names the framework 'Qualifications Framework of the French Community of Belgium' and "
              "its levels 'CFC Level n'",
              "the English name is Cedefop's ('the francophone qualifications framework, abbreviated as CFC'); the "
              "level labels are English only"]),
    Fw("pl-prk", "national", [("Polish Qualifications Framework", "en"), ("Polska Rama Kwalifikacji", "pl")], "PL",
       [PL_PRK_MEN, PL_PRK_ZSK, PL_NUFFIC_FRAMEWORK, ELM_NQF_XSD], acronyms=["PRK", "PQF"],
       close=[qdr(QDR_FRAMEWORK["pl-prk"])],
       levels=numbered(8, close=qdr_map(QDR_PL_PRK)),
       level_sources=[PL_PRK_MEN, PL_PRK_ZSK, ELM_NQF_XSD],
       created="2016",
       description="The reference framework for qualifications awarded in Poland, of eight levels, each described by "
                   "general characteristics of knowledge, skills and social competence; its graphic mark has been "
                   "printed on school certificates and higher-education diplomas since 2016 (prk.men.gov.pl; "
                   "kwalifikacje.gov.pl; Nuffic).",
       notes=["the EU register names the framework 'Polish National Qualifications Framework' and its levels 'PQF "
              "Level n' (the register's only 'PQF'; not the Philippine PQF, ph-pqf)",
              "Roman numerals (PRK I ... VIII) mark full qualifications, Arabic numerals partial ones (Nuffic); the "
              "levels are recorded as 1-8, with English labels only"]),
    Fw("lu-clq", "national",
       [("Luxembourg Qualifications Framework", "en"), ("Cadre luxembourgeois des qualifications", "fr")], "LU",
       [LU_LLL_CLQ, LU_EURYDICE, ELM_NQF_XSD], acronyms=["CLQ"],
       close=[qdr(QDR_FRAMEWORK["lu-clq"])],
       levels=numbered(8, close=qdr_map(QDR_LU_CLQ)),
       level_sources=[LU_EURYDICE, LU_LLL_CLQ, ELM_NQF_XSD],
       description="A non-binding guidance framework of eight levels for individuals, education and training providers "
                   "and the labour market; levels 1-4 are the responsibility of the Ministry of Education, levels 6-8 "
                   "of the Ministry of Higher Education and Research (Eurydice; lifelong-learning.lu).",
       notes=["the French name is the one the framework chose, 'Cadre [luxembourgeois] des qualifications' rather than "
              "'des certifications' (lifelong-learning.lu)"]),
    # ---- Australia, New Zealand, Pacific --------------------------------------------------
    Fw("au-aqf", "national", [("Australian Qualifications Framework", "en")], "AU", [AU_AQF, AU_AQF_2, AQF_2013],
       acronyms=["AQF"],
       # The AQF's level criteria: a summary, then the learning outcomes "expressed as knowledge, skills and the
       # application of knowledge and skills" (the AQF Qualification Type Specifications).
       domains=AQF_DOMAINS,
       levels=numbered(10, scope={1: "Certificate I", 2: "Certificate II", 3: "Certificate III",
                                  4: "Certificate IV", 5: "Diploma", 6: "Advanced Diploma; Associate Degree",
                                  7: "Bachelor", 8: "Bachelor Honours; Graduate Certificate; Graduate Diploma",
                                  9: "Masters", 10: "Doctoral"}),
       level_sources=[AU_AQF],
       notes=["the AQF and the EQF were compared in a 2016 joint technical report; its level comparisons "
              "(Appendix 1) have not been read, so they are not recorded",
              "level descriptors: the level criteria of the AQF Second Edition January 2013 in its three learning-outcome "
              "domains (knowledge; skills; application of knowledge and skills; each level's one-sentence summary is not "
              "recorded); only level 2 is recorded, the one level whose criteria were read whole in a copy of the "
              "document (studylib's copy of the Certificate II specification); the copies read of levels 1, 4 and 7 stop "
              "before the end of their application criterion"]),
    Fw("nz-nzqcf", "national", [("New Zealand Qualifications and Credentials Framework", "en")], "NZ",
       [NZ_NZQCF, NZQA_EQUATE_2025_06], acronyms=["NZQCF", "NZQF"], publisher="nz-nzqa",
       # The domains of the level descriptors in force since 1 July 2025, as NZQA's level-descriptor page names them.
       domains=NZQCF_DOMAINS,
       levels=numbered(10), level_sources=[NZ_NZQCF],
       notes=["formerly the New Zealand Qualifications Framework (NZQF); the 2016 comparison with the EQF was made "
              "under that name",
              "qualification types at each level: the appendix of NZQA's Qualification and Micro-credential Listing and "
              "Operational Rules 2022 (micro-credentials, listed at every level, are not a qualification type)",
              "level descriptors: those in force since 1 July 2025 (NZQA's Equate newsletter, June 2025), in seven "
              "domains, replacing the 2011 descriptors in three (knowledge, skills, application); only levels 1-3 are "
              "recorded, as NZQA's level-descriptor page gives them: the text of levels 4-10 on that page has not "
              "been read"]),
    Fw("fj-fqf", "national", [("Fiji National Qualifications Framework", "en")], "FJ",
       [FJ_HEC_HOME, FJ_HEC_FQC, FJ_FQF, FJ_FQF_LAUNCH], acronyms=["FNQF", "FQF"],
       alt_labels=[("Fiji Qualifications Framework", "en")], publisher="fj-qualifications-council", created="2011",
       levels=numbered(10), level_sources=[FJ_HEC_HOME, FJ_HEC_FQC, FJ_FQF],
       notes=["introduced 2011 and reviewed 2017 (secondary source); at its launch the FQF was said to "
              "'align with the requirements of the PRQS'"]),
    Fw("ws-sqf", "national", [("Samoa Qualifications Framework", "en")], "WS", [WS_SQF], acronyms=["SQF"],
       publisher="ws-sqa",
       levels=numbered(10, scope={1: "Certificate I", 2: "Certificate II", 3: "Certificate III",
                                  4: "Certificate IV", 5: "Diploma", 6: "Diploma",
                                  7: "Bachelor; Graduate Diploma; Graduate Certificate"}),
       level_sources=[WS_SQF]),
    Fw("to-tqf", "national", [("Tonga Qualifications Framework", "en")], "TO", [TO_TNQAB_TQF, TO_TQF],
       acronyms=["TQF"], publisher="to-tnqab", levels=numbered(10), level_sources=[TO_TQF],
       notes=["unconfirmed: the ten levels are stated only in TNQAB's notice in a newspaper (Matangi Tonga, a "
              "secondary page: 'a 10-level structure'); TNQAB's own page read describes the framework without a "
              "level count"]),
    Fw("pg-nqf", "national", [("Papua New Guinea National Qualifications Framework", "en")], "PG",
       [PG_NQF_2017], copies=[PG_NQF], acronyms=["PNG NQF"], publisher="pg-nhteb",
       notes=["the revised (2nd) edition was endorsed on 28 Aug 2017",
              "unconfirmed: the number of levels, so no levels are recorded"]),
    # ---- elsewhere --------------------------------------------------------------------------
    Fw("hk-hkqf", "national", [("Hong Kong Qualifications Framework", "en")], "HK", [HKQR_LEVELS, NZQA_HK_NZ],
       acronyms=["HKQF"], created="2008-05-05",
       levels=numbered(7, scope={1: "Certificate", 2: "Certificate", 3: "Diploma",
                                 4: "Associate Degree; Higher Diploma", 5: "Bachelor",
                                 6: "Master; Postgraduate Diploma; Postgraduate Certificate", 7: "Doctoral"}),
       level_sources=[HKQR_LEVELS],
       description="Seven levels; in operation since 5 May 2008 (Cap. 592); 1 QF credit = 10 notional learning "
                   "hours."),
    Fw("ae-nqf", "national", [("United Arab Emirates Qualifications Framework", "en")], "AE", [NZQA_UAE_NZ],
       acronyms=["NQF"], levels=numbered(10), level_sources=[NZQA_UAE_NZ],
       notes=["known here only from NZQA's UAE-New Zealand page, whose level table lists UAE NQF levels 1-10; the "
              "framework's own documents have not been read, so it has no descriptors or qualification types"]),
    # ---- ASEAN ---------------------------------------------------------------------------
    Fw("ph-pqf", "national", [("Philippine Qualifications Framework", "en")], "PH",
       [PQF_PH_LEVELS, PQF_PH_HOME], acronyms=["PQF"], publisher="ph-pqf-ncc",
       domains=[("Knowledge, skills and values", "en"), ("Application", "en"), ("Degree of independence", "en")],
       levels=numbered(8, scope={1: "Junior High School certificate; TESDA NC I",
                                 2: "Senior High School diploma; TESDA NC II",
                                 3: "TESDA NC III", 4: "TESDA NC IV",
                                 5: "bridges TVET and higher education",
                                 6: "Baccalaureate (CHED)", 7: "Postgraduate Diploma; Masters",
                                 8: "Doctorate"}),
       level_sources=[PQF_PH_LEVELS],
       notes=["level placements per PQF-NCC Resolution 2023-05"]),
    # Malay: 'Kerangka Kelayakan Malaysia' (the Malay glossary of MQA's register, MQA_GLOSARI_MS).
    Fw("my-mqf", "national", [("Malaysian Qualifications Framework", "en"), ("Kerangka Kelayakan Malaysia", "ms")],
       "MY", [MQF_PAGE, MQA_GLOSARI_MS], copies=[MQF_DOC],
       acronyms=["MQF"], publisher="my-mqa",
       domains=[("Knowledge and understanding", "en"), ("Cognitive skills", "en"),
                ("Functional work skills", "en"), ("Personal and entrepreneurial skills", "en"),
                ("Ethics and professionalism", "en")],
       levels=numbered(8, scope={1: "Skills certificate", 2: "Skills certificate",
                                 3: "Skills certificate; academic and vocational certificates",
                                 4: "Diploma", 5: "Advanced Diploma", 6: "Bachelor", 7: "Master",
                                 8: "Doctoral"}),
       level_sources=[MQF_PAGE],
       notes=["descriptor domains are the five learning-outcome clusters of the MQF 2nd edition (2019), read only "
              "in a copy (documents.pub; its title points to a file under mqa.gov.my), so its official address was not "
              "established"]),
    Fw("id-kkni", "national",
       [("Indonesian Qualifications Framework", "en"), ("Kerangka Kualifikasi Nasional Indonesia", "id")], "ID",
       [KKNI_DATAREF, KKNI_UNIB], copies=[KKNI_123DOK], acronyms=["KKNI", "IQF"], created="2012",
       levels=numbered(9, lang="id", scope={6: "D4; sarjana terapan; sarjana", 7: "pendidikan profesi",
                                            8: "magister (terapan); spesialis 1",
                                            9: "doktor (terapan); spesialis 2"}),
       level_sources=[KKNI_DATAREF, KKNI_UNIB],
       description="Nine levels, established by Perpres 8/2012."),
    Fw("vn-vqf", "national", [("Vietnamese Qualifications Framework", "en")], "VN",
       [VN_GDNN_2022, VN_DECISION, VN_LAWNET, VN_NHANDAN], acronyms=["VQF"], created="2016-10-18",
       levels=numbered(8, scope={1: "Elementary/Primary I", 2: "Elementary/Primary II",
                                 3: "Elementary/Primary III", 4: "Intermediate", 5: "College",
                                 6: "University/Bachelor", 7: "Master", 8: "Doctor"}),
       level_sources=[VN_DECISION, VN_LAWNET],
       description="Approved by Decision 1982/QD-TTg of 18 October 2016.",
       notes=["the Decision's eight levels were read in a copy of its text (vanbanphapluat.co) and on a "
              "law-summary page (lawnet.vn); no government page read lists them, and the Decision's official address "
              "was not established; the Directorate of Vocational Education and Training's page gives the Decision "
              "and its date"]),
    Fw("la-lnqf", "national", [("Lao National Qualifications Framework", "en")], "LA", [LA_LNQF],
       acronyms=["LNQF"], levels=numbered(8), level_sources=[LA_LNQF],
       notes=["eight levels, as presented by the Lao representative to the AQRF Committee (Yangon, Nov 2019); the "
              "presentation was read only in a copy (vdocuments.mx), and its official address was not established"]),
    Fw("bn-bdqf", "national", [("Brunei Darussalam Qualifications Framework", "en")], "BN",
       [BN_BDNAC, BN_BTARCHIVE], acronyms=["BDQF"], publisher="bn-bdnac", created="2011",
       domains=[("Knowledge and understanding", "en"),
                ("Practice: applied knowledge and understanding", "en"),
                ("Generic cognitive skills", "en"),
                ("Communication, ICT and numeracy skills", "en"),
                ("Autonomy, accountability and working with others", "en")],
       levels=numbered(8, scope={2: "GCE O level (levels 2-3)", 3: "GCE O level (levels 2-3)",
                                 4: "GCE A level; IB; National Diploma", 8: "PhD"}),
       level_sources=[BN_BDNAC],
       description="Established by the BDNAC Order 2011 and announced in December 2013."),
    # Thai: 'กรอบคุณวุฒิแห่งชาติ' (the Office of the Education Council, TH_ONEC_2018).
    Fw("th-nqf", "national", [("Thai National Qualifications Framework", "en"), ("กรอบคุณวุฒิแห่งชาติ", "th")], "TH",
       [TH_ONEC_2018], copies=[TH_REPORT],
       acronyms=["Thai NQF"],
       notes=["unconfirmed: the number of levels of the Thai NQF, so no levels are recorded",
              "Thailand piloted the referencing of its NQF to the AQRF from 2015 to 2019"]),
    Fw("th-tqf", "national", [("Thai Qualifications Framework for Higher Education", "en")], "TH",
       [TH_OHEC_TQF, TH_TQF],
       acronyms=["TQF"], scope_note="higher-education sub-framework (TQF 2009)",
       domains=[("Ethical and moral development", "en"), ("Knowledge", "en"), ("Cognitive skills", "en"),
                ("Interpersonal skills and responsibility", "en"),
                ("Numerical analysis, communication and IT skills", "en")],
       levels=numbered(6, scope={1: "Advanced diploma", 2: "Bachelor", 3: "Graduate diploma", 4: "Master",
                                 5: "Higher graduate diploma", 6: "Doctor"}),
       level_sources=[TH_TQF, TH_TQF_THAIJO],
       notes=["unconfirmed: the six levels and five domains are from a secondary source, a slide deck "
              "(slideshare.net) that agrees with a journal abstract (so03.tci-thaijo.org); OHEC's page names the "
              "framework, and the official text of the 2009 announcement was not read, so its official address was "
              "not established; levels are numbered in the order the deck lists them"]),
    Fw("kh-cqf", "national", [("Cambodia Qualifications Framework", "en")], "KH", [KH_CQF], acronyms=["CQF"],
       created="2010-12",
       notes=["established in Dec 2010 by a committee of ministers (secondary source): a document read only in a "
              "copy (docplayer.net), whose official address was not established",
              "unconfirmed: the number of levels, so no levels are recorded"]),
]
FW_BY_SLUG = {f.slug: f for f in FRAMEWORKS}


@dataclass
class Descriptors:
    """A framework's level descriptors: {level notation: {domain label: text}}, the text exactly as the source gives it.

    A descriptor the source gives as separate statements keeps them as separate lines ("\\n")."""

    sources: list[str]  # the official document (dcterms:source)
    texts: dict[str, dict[str, str]]
    copies: list[str] = field(default_factory=list)  # the pages the text was read in (prov:wasDerivedFrom)
    see_also: dict[str, list[str]] = field(default_factory=dict)  # per level: pages that agree (rdfs:seeAlso)
    lang: str = "en"
    # per level: further pages the text was read in (prov:wasDerivedFrom), where only some levels were read in copies
    level_copies: dict[str, list[str]] = field(default_factory=dict)
    # per level: the official page(s) that give that level's text, where each level has its own page (dcterms:source,
    # instead of sources)
    level_sources: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class QualificationTypes:
    """The qualification types a framework places at each level: {level notation: [(name, [sources])]}."""

    types: dict[str, list[tuple[str, list[str]]]]
    copies: list[str] = field(default_factory=list)
    lang: str = "en"


EQF_K, EQF_S, EQF_RA = "Knowledge", "Skills", "Responsibility and autonomy"
NZ_K, NZ_PP, NZ_CT, NZ_COL, NZ_COM, NZ_ENV, NZ_AR = (label for label, _ in NZQCF_DOMAINS)
DESCRIPTORS: dict[str, Descriptors] = {
    # Annex II of the 2017 Recommendation ("Descriptors defining levels in the European Qualifications Framework").
    "eqf": Descriptors(
        [EURLEX_EQF_2017_EN],
        copies=[EQF_LEAFLET_COPY, EQF_DESCRIPTORS_123DOK],
        see_also={str(n): [EQF_TABLE_AAPM, *([EQF_7_COMPETENCEBASE] if n == 7 else []),
                           *([CEDEFOP_EQF_LEVEL.format(n=n)] if n in (2, 3, 5, 6, 8) else [])]
                  for n in range(1, 9)},
        texts={
            "1": {EQF_K: "Basic general knowledge",
                  EQF_S: "Basic skills required to carry out simple tasks",
                  EQF_RA: "Work or study under direct supervision in a structured context"},
            "2": {EQF_K: "Basic factual knowledge of a field of work or study",
                  EQF_S: "Basic cognitive and practical skills required to use relevant information in order to carry "
                         "out tasks and to solve routine problems using simple rules and tools",
                  EQF_RA: "Work or study under supervision with some autonomy"},
            "3": {EQF_K: "Knowledge of facts, principles, processes and general concepts, in a field of work or study",
                  EQF_S: "A range of cognitive and practical skills required to accomplish tasks and solve problems by "
                         "selecting and applying basic methods, tools, materials and information",
                  EQF_RA: "Take responsibility for completion of tasks in work or study; adapt own behaviour to "
                          "circumstances in solving problems"},
            "4": {EQF_K: "Factual and theoretical knowledge in broad contexts within a field of work or study",
                  EQF_S: "A range of cognitive and practical skills required to generate solutions to specific problems "
                         "in a field of work or study",
                  EQF_RA: "Exercise self-management within the guidelines of work or study contexts that are usually "
                          "predictable, but are subject to change; supervise the routine work of others, taking some "
                          "responsibility for the evaluation and improvement of work or study activities"},
            "5": {EQF_K: "Comprehensive, specialised, factual and theoretical knowledge within a field of work or study "
                         "and an awareness of the boundaries of that knowledge",
                  EQF_S: "A comprehensive range of cognitive and practical skills required to develop creative "
                         "solutions to abstract problems",
                  EQF_RA: "Exercise management and supervision in contexts of work or study activities where there is "
                          "unpredictable change; review and develop performance of self and others"},
            "6": {EQF_K: "Advanced knowledge of a field of work or study, involving a critical understanding of theories "
                         "and principles",
                  EQF_S: "Advanced skills, demonstrating mastery and innovation, required to solve complex and "
                         "unpredictable problems in a specialised field of work or study",
                  EQF_RA: "Manage complex technical or professional activities or projects, taking responsibility for "
                          "decision-making in unpredictable work or study contexts; take responsibility for managing "
                          "professional development of individuals and groups"},
            "7": {EQF_K: "Highly specialised knowledge, some of which is at the forefront of knowledge in a field of work "
                         "or study, as the basis for original thinking and/or research\n"
                         "Critical awareness of knowledge issues in a field and at the interface between different "
                         "fields",
                  EQF_S: "Specialised problem-solving skills required in research and/or innovation in order to develop "
                         "new knowledge and procedures and to integrate knowledge from different fields",
                  EQF_RA: "Manage and transform work or study contexts that are complex, unpredictable and require new "
                          "strategic approaches; take responsibility for contributing to professional knowledge and "
                          "practice and/or for reviewing the strategic performance of teams"},
            "8": {EQF_K: "Knowledge at the most advanced frontier of a field of work or study and at the interface "
                         "between fields",
                  EQF_S: "The most advanced and specialised skills and techniques, including synthesis and evaluation, "
                         "required to solve critical problems in research and/or innovation and to extend and redefine "
                         "existing knowledge or professional practice",
                  EQF_RA: "Demonstrate substantial authority, innovation, autonomy, scholarly and professional integrity "
                          "and sustained commitment to the development of new ideas or processes at the forefront of "
                          "work or study contexts including research"},
        }),
    # NZQA's NZQCF level descriptors, in force since 1 July 2025: levels 1-3 (the levels of the page that have been
    # read). Each domain's descriptor is one statement.
    "nz-nzqcf": Descriptors(
        [NZ_NZQCF],
        texts={
            "1": {NZ_K: "Has knowledge of some facts and information relevant to a field of study",
                  NZ_PP: "Performs simple activities",
                  NZ_CT: "Identifies simple problems or goals",
                  NZ_COL: "Contributes to group or team activities",
                  NZ_COM: "Communicates basic information",
                  NZ_ENV: "Highly structured environments",
                  NZ_AR: "Works or studies mostly under supervision, with limited responsibility for own learning and "
                         "performance"},
            "2": {NZ_K: "Has knowledge of some facts and information and understands some concepts relevant to a field "
                        "of work or study",
                  NZ_PP: "Performs a range of familiar activities",
                  NZ_CT: "Identifies simple problems or goals and recommends a solution or plan",
                  NZ_COL: "Contributes to group or team activities and acknowledges views and experiences of others",
                  NZ_COM: "Communicates basic knowledge and shares ideas on familiar topics",
                  NZ_ENV: "Highly structured environments",
                  NZ_AR: "Works or studies under some supervision, with some responsibility for own learning and "
                         "performance"},
            "3": {NZ_K: "Has knowledge of some of the key facts and information in a field of work or study and "
                        "understands the underpinning concepts",
                  NZ_PP: "Performs some unfamiliar activities",
                  NZ_CT: "Examines familiar problems or goals and recommends a solution or plan",
                  NZ_COL: "Makes a significant contribution to group or team activities and acknowledges views and "
                          "experience of others",
                  NZ_COM: "Communicates familiar information and shares ideas on some unfamiliar topics",
                  NZ_ENV: "Structured environments",
                  NZ_AR: "Works or studies mostly autonomously with responsibility for own learning and performance"},
        }),
    # QQI's NFQ grid of level indicators: levels 1 and 2 (the blocks of the page read whole), one indicator per
    # sub-strand, as the grid words it.
    "ie-nfq": Descriptors(
        [QQI_NFQ_GRID],
        texts={
            "1": dict(zip((label for label, _ in NFQ_DOMAINS), (
                "Elementary knowledge",
                "Demonstrable by recognition or recall",
                "Demonstrate basic practical skills and carry out directed activity using basic tools",
                "Perform processes that are repetitive and predictable",
                "Act in closely defined and highly structured contexts",
                "Act in a limited range of roles",
                "Learn to sequence learning tasks; learn to access and use a range of learning resources",
                "Begin to demonstrate awareness of independent role for self"))),
            "2": dict(zip((label for label, _ in NFQ_DOMAINS), (
                "Knowledge that is narrow in range",
                "Concrete in reference and basic in comprehension",
                "Demonstrate limited range of basic practical skills, including the use of relevant tools",
                "Perform a sequence of routine tasks given clear direction",
                "Act in a limited range of predictable and structured contexts",
                "Act in a range of roles under direction",
                "Learn to learn in a disciplined manner in a well-structured and supervised environment",
                "Demonstrate awareness of independent role for self"))),
        }),
    # The SCQF Partnership's level-descriptor page: level 1 is described by the same sentence in each of the five
    # characteristics. Level 3: the revised level descriptors (August 2012), read in the yumpu copy of the booklet
    # (level_copies: its level 3 page, characteristics 1-4 and the start of 5; its pages for characteristics 3 and 5);
    # each bullet point is a line, its lead-in ("Demonstrate and/or work with:") a line of its own. CredentialEngine's
    # example gives the same text (rdfs:seeAlso). Its levels 2 and 4 are not recorded: characteristics 1, 2 and 4 of
    # those levels were read only there, and a data file on GitHub is not a document copy (prov:wasDerivedFrom).
    "uk-scqf": Descriptors(
        [SCQF_LEVEL_DESCRIPTORS],
        level_copies={"3": [SCQF_2012_YUMPU.format(page=22), SCQF_2012_YUMPU.format(page=14),
                            SCQF_2012_YUMPU.format(page=18)]},
        see_also={"3": [CTDL_SCQF_JSON]},
        texts={
            "1": {label: "SCQF Level 1 recognises learning development and achievement that ranges from "
                         "participation in experiential situations to the achievement of basic tasks, with varying "
                         "degrees of support."
                  for label, _ in SCQF_DOMAINS},
            "3": dict(zip((label for label, _ in SCQF_DOMAINS), (
                "Demonstrate and/or work with:\n"
                "Basic knowledge.\n"
                "Simple facts and ideas in, and associated with, a subject/discipline/sector.",
                "Relate knowledge to personal and/or everyday contexts with some prompting.\n"
                "Use a few basic, routine skills to undertake familiar and routine tasks.\n"
                "Complete pre-planned tasks.\n"
                "Use, with guidance, basic tools and materials safely and effectively.",
                "Identify with some prompting a process to deal with a situation or issue.\n"
                "Operate in familiar contexts using given criteria.\n"
                "Take account of some identified consequences of action.",
                "Use simple skills, for example:\n"
                "Produce and respond to simple written and oral communication in familiar/routine contexts.\n"
                "Carry out simple tasks to process and access information.\n"
                "Use simple numerical and graphical data in everyday contexts.",
                "Work alone or with others on simple tasks under frequent directive supervision.\n"
                "Participate in the setting of goals, timelines, etc.\n"
                "Participate in the review of completed work and the identification of ways of improving practices and "
                "processes.\n"
                "Identify, given simple criteria, own strengths and weaknesses relative to the work."), strict=True)),
        }),
    # The AQF's level criteria (AQF Second Edition January 2013): level 2, as studylib's copy of the Certificate II
    # specification gives it; each bullet point is a line. The migration agent's quotation agrees.
    "au-aqf": Descriptors(
        [AQF_2013],
        level_copies={"2": [AQF_SPEC_CERT_II_COPY]},
        see_also={"2": [AQF_LEVELS_OZLINKS]},
        texts={
            "2": dict(zip((label for label, _ in AQF_DOMAINS), (
                "Graduates at this level will have basic factual, technical and procedural knowledge of a defined area "
                "of work and learning",
                "Graduates at this level will have basic cognitive, technical and communication skills to apply "
                "appropriate methods, tools, materials and readily available information to:\n"
                "undertake defined activities\n"
                "provide solutions to a limited range of predictable problems",
                "Graduates at this level will apply knowledge and skills to demonstrate autonomy and limited judgement "
                "in structured and stable contexts and within narrow parameters"), strict=True)),
        }),
}

# The DKQF's level descriptors (issue 14): each statement of the ministry's page for the level, a line each, under the
# page's headings Knowledge, Skills and Competence. Levels 1 and 4: the English page's blocks have no headings there, the
# Danish page of the level heads the same blocks (2, 4 and 3 statements) 'Viden', 'Færdigheder', 'Kompetencer', so both
# are cited. Level 5's page is not stored.
DK_DESCRIPTOR_SOURCES = {
    "1": [DK_LEVEL_SOURCES[1][0], _DK_LEVELS_DA + "1"], "2": DK_LEVEL_SOURCES[2], "3": DK_LEVEL_SOURCES[3],
    "4": [DK_LEVEL_SOURCES[4][0], _DK_LEVELS_DA + "4"], "6": [DK_LEVEL_SOURCES[6][0]], "7": DK_LEVEL_SOURCES[7],
    "8": [DK_LEVEL_SOURCES[8][0], _DK_LEVELS_EN2 + "level-8"]}
DK_K, DK_S, DK_C = "Knowledge", "Skills", "Competence"
DESCRIPTORS["dk-dkqf"] = Descriptors(
    [DK_UFM_LEVELS],
    level_sources=DK_DESCRIPTOR_SOURCES,
    texts={
        "1": {DK_K: "Must have basic knowledge within general subjects.\n"
                    "Must have basic knowledge about natural, cultural, social and political matters.",
              DK_S: "Must possess basic linguistic, numerical, practical and creative skills.\n"
                    "Must be able to utilise different basic methods of work.\n"
                    "Must be able to evaluate own work.\n"
                    "Must be able to present the results of own work.",
              DK_C: "Must be able to take personal decisions and act in simple, clear situations.\n"
                    "Must be able to work independently with pre-defined problems.\n"
                    "Must have a desire to learn and be able to enter into partly open learning situations under "
                    "supervision."},
        "2": {DK_K: "Must have basic knowledge in general subjects or specific areas within an occupational area or field "
                    "of study.\n"
                    "Must have understanding of the basic conditions and mechanisms of the labour market.",
              DK_S: "Must be able to apply fundamental methods and tools for solving simple tasks while observing "
                    "relevant regulations.\n"
                    "Must be able to correct for faults or deviations from a plan or standard.\n"
                    "Must be able to present and discuss the results of own work.",
              DK_C: "Must be able to take personal decisions and act in simple, clear situations.\n"
                    "Must be able to undertake a certain amount of responsibility for the development of forms of work "
                    "and to enter into uncomplicated group processes.\n"
                    "Must be able to enter into partly open learning situations and seek guidance and supervision."},
        "3": {DK_K: "Must have knowledge of basic methodology and norms within an occupational area or field of study.\n"
                    "Must have understanding of own possibilities for influence on the labour market and in society.",
              DK_S: "Must be able to perform practical work assignments within an occupational area or field of study.\n"
                    "Must be able to solve professional problems.\n"
                    "Must be able to search for and assess information relevant to a practical work assignment within "
                    "an occupational area or field of study.\n"
                    "Must be able to use professional terminology in communications with colleagues, fellow students "
                    "and users.",
              DK_C: "Must be able to take responsibility for defined work processes.\n"
                    "Must be able to enter into interdisciplinary cooperation within the practice of an occupation or "
                    "field of study.\n"
                    "Must be able to participate actively in learning situations within an occupation or field of "
                    "study."},
        "4": {DK_K: "Must have knowledge of concepts, principles and processes within the practice of an occupation or "
                    "field of study or in general subjects.\n"
                    "Must have understanding of the relations between professional problems and social/international "
                    "conditions.",
              DK_S: "Must be able to select and apply relevant tools, methodologies, techniques and materials within an "
                    "occupational area or a field of study.\n"
                    "Must be able to identify a practical and/or theoretical problem.\n"
                    "Must be able to assess the quality of own and others’ work in relation to a given standard.\n"
                    "Must be able to utilise the terminology of an occupation or field of study in communication with "
                    "collaboration partners and users.",
              DK_C: "Must be able to take responsibility for work processes in normally predictable work or study "
                    "situations.\n"
                    "Must be able to plan and take responsibility for own and joint work processes and results.\n"
                    "Must be able to search for further education and training and professional development in "
                    "structured learning environments."},
        "6": {DK_K: "Must have knowledge of theory, methodology and practice within a profession or one or more fields of "
                    "study.\n"
                    "Must be able to understand and reflect on theories, methodology and practice.",
              DK_S: "Must be able to apply the methodologies and tools of one or more fields of study and to apply skills "
                    "related to work within the field/fields of study or a profession.\n"
                    "Must be able to assess theoretical and practical problems and to substantiate and select relevant "
                    "solutions.\n"
                    "Must be able to communicate professional issues and solutions to peers and non-specialists as well "
                    "as to collaboration partners and users.",
              DK_C: "Must be able to handle complex and development oriented situations in study or work contexts.\n"
                    "Must be able to independently participate in professional and interdisciplinary collaboration with "
                    "a professional approach.\n"
                    "Must be able to identify own learning needs and to organise own learning in different learning "
                    "environments."},
        "7": {DK_K: "Must have knowledge within one or more fields of study that, in selected fields, is based on the "
                    "highest international research within a field of study.\n"
                    "Must able to understand and, on a scientific basis, reflect on the knowledge of the field/fields of "
                    "study and be able to identify scientific issues.",
              DK_S: "Must master the scientific methodologies and tools of the field/fields of study as well as master "
                    "general skills related to work within the field/fields of study.\n"
                    "Must be able to assess and select from among the scientific theories, methodologies, tools and "
                    "general skills of the field/fields of study and to set up new models of analysis and problem "
                    "solving on a scientific basis.\n"
                    "Must be able to communicate research-based knowledge and discuss professional and scientific issues "
                    "with both academic peers and non-specialists.",
              DK_C: "Must be able to manage work and development situations that are complex, unpredictable and require "
                    "new solutions.\n"
                    "Must able to independently initiate and implement professional and interdisciplinary cooperation "
                    "and take on professional responsibility.\n"
                    "Must be able to independently take responsibility for own professional development and "
                    "specialisation."},
        "8": {DK_K: "Must have knowledge at the highest international level within the field of research.\n"
                    "Must have made a significant contribution to the development of new knowledge and understanding in "
                    "the field of research and on the basis of scientific studies.",
              DK_S: "Must master the scientific theories, methods and tools as well as other skills connected with "
                    "research and development within the area.\n"
                    "Must be able to analyse, evaluate and develop new ideas, including designing and developing new "
                    "techniques and skills in the field of study.\n"
                    "Must be able to participate in international discussions in the field of study and to disseminate "
                    "research results and progress to a wider public.",
              DK_C: "Must be able to organise and conduct research and development tasks in complex and unpredictable "
                    "contexts.\n"
                    "Must be able to independently initiate and enter into national and international cooperation on "
                    "research and development with scientific integrity.\n"
                    "Must be able independently to initiate research and development projects and through this generate "
                    "new knowledge and new skills that develop the field of research."},
    })
# The HQF's level descriptors (issue 14): EOPPEP's English table 'Learning Outcomes' of the HQF levels, rows 1-3 (the
# rows of the stored page read whole), each cell as the table gives it.
GR_K, GR_S, GR_C = "Knowledge", "Skills", "Competence"
DESCRIPTORS["gr-hqf"] = Descriptors(
    [GR_EOPPEP_HQF_LEVELS],
    texts={
        "1": {GR_K: "Has acquired basic general knowledge related to the working environment that may serve as input "
                    "into lifelong learning paths",
              GR_S: "Can apply basic knowledge and perform a specific range of simple tasks; has basic and recurring "
                    "social skills.",
              GR_C: "Can perform simple and repetitive tasks by applying basic knowledge and skills under direct "
                    "supervision in a structured"},
        "2": {GR_K: "Has acquired basic general knowledge related to a field of work or study that allow them to "
                    "understand the procedures for implementing basic tasks and instructions",
              GR_S: "Can apply basic knowledge and perform a variety of complex tasks in a field of work or study; has "
                    "communication skills.",
              GR_C: "Can perform tasks in a specific field of work or study under limited supervision and/or with some "
                    "autonomy in a structured context."},
        "3": {GR_K: "Has acquired basic general knowledge that allows them to understand the relationship of theoretical "
                    "knowledge and information with a field of work or study; understands the components and procedures "
                    "appropriate to complex tasks and instructions.",
              GR_S: "Can demonstrate broad cognitive and practical skill in successful execution of complex tasks both "
                    "in intimate and non-intimate contexts; has communication skills and problem-solving capabilities "
                    "through selecting and applying basic methodologies, tools, materials and information.",
              GR_C: "Can perform tasks autonomously in a particular field of work or study; has the ability to adjust "
                    "their behavior depending on the needs of problem solving; takes initiatives in specified fields of "
                    "work or study and acts under supervision in implementing emergency procedures of quality control."},
    })

# The ISQF's level descriptors (issue 14): ENIC/NARIC Iceland's table, one cell per level, as the table gives it (rows
# 7, 6.2, 6.1, 5.2 and 5.1; the stored page stops in the row of level 4).
IS_D = "Descriptors of the Icelandic Qualification Framework"
DESCRIPTORS["is-isqf"] = Descriptors(
    [IS_ENIC_ISQF],
    texts={
        "7": {IS_D: "Has advanced knowledge of theories, research and the latest developments in a scientific field. Can "
                    "conduct and manage research with confidence in order to develop new knowledge. Can work "
                    "independently, show initiative and be responsible for complex theoretical tasks and pass on "
                    "knowledge to others."},
        "6.2": {IS_D: "Has obtained knowledge through research and has a good understanding of theoretical challenges and "
                      "arguments and is able to contextualise the latest knowledge. Can understand complex problems and "
                      "use appropriate methods to conduct smaller research projects. Can initiate and lead new projects, "
                      "evaluate the most suitable approaches, and be responsible for their own work and that of a team."},
        "6.1": {IS_D: "Has knowledge and understanding of theoretical challenges and arguments and is able to contextualise "
                      "the latest knowledge. Can apply the methods of the relevant field/profession to formulate, develop "
                      "and solve problems. Can initiate and lead new projects and be responsible for their own work and "
                      "that of a team."},
        "5.2": {IS_D: "Has an understanding of and insight into major theoretical concepts and theories and is familiar "
                      "with the latest knowledge within a specific field. Can apply critical theoretical and/or "
                      "professional analysis when solving problems and evaluate the results independently. Can work "
                      "independently in an organised manner, make and carry out plans and supervise teamwork."},
        "5.1": {IS_D: "Has knowledge of selected theories and theoretical concepts and has insights into the relevant field "
                      "in a broader context. Can develop and manage projects using the techniques relevant to the "
                      "field/profession. Can show initiative and work independently in addition to solving problems as "
                      "part of a team."},
    })

# The EstQF's level descriptors (issue 14): the Estonian Qualifications Authority's table 'Tasemekirjeldused' (its older
# site), rows '1. tase' to '4. tase' (the rows of the stored page read whole), each cell as the table gives it, a
# statement a line; the columns are named by their headings without the explanations in brackets.
EE_T, EE_O, EE_V = "Teadmised", "Oskused", "Vastutuse ja iseseisva tegutsemise ulatus"
DESCRIPTORS["ee-estqf"] = Descriptors(
    [EE_KUTSEKODA_TASEMED],
    lang="et",
    texts={
        "1": {EE_T: "Üldteadmised",
              EE_O: "põhioskused lihtsamate (töö)ülesannete täitmiseks",
              EE_V: "töötab või õpib otsesel juhendamisel piiritletud situatsioonis"},
        "2": {EE_T: "põhilised tööalased või õppesuunaalased faktiteadmised",
              EE_O: "põhilised kognitiivsed ja praktilised oskused vastava teabe kasutamiseks, et täita (töö)ülesandeid "
                    "ja lahendada tavalisi probleeme, kasutades lihtsaid reegleid ja töövahendeid.",
              EE_V: "töötab ja õpib juhendamisel, kuid mõningase iseseisvusega"},
        "3": {EE_T: "teadmised tööalaste või õppesuunaalaste faktide, põhimõtete, protsesside ja üldiste mõistete kohta",
              EE_O: "kognitiivsed ja praktilised oskused (töö)ülesannete täitmiseks ja probleemide lahendamiseks, "
                    "valides ja rakendades põhimeetodeid, töövahendeid, materjale ja teavet",
              EE_V: "vastutab töö- või õppeülesannete täitmise eest\n"
                    "kohandab probleemide lahendamisel enda käitumist vastavalt olukorrale"},
        "4": {EE_T: "tööalased või õppesuunaalased laiaulatuslikud fakti- ja teooriate teadmised",
              EE_O: "tööalased või õppesuunaalased kognitiivsed ja praktilised oskused konkreetsetele probleemidele "
                    "lahenduse leidmiseks",
              EE_V: "juhib ise oma tööd ja õppimist vastavalt juhtnööridele situatsioonides, mida saab tavaliselt ette "
                    "näha, kuid mis võivad muutuda\n"
                    "juhendab kaaslaste tavatööd, võtab mõningase vastutuse töö ja õppetöö hindamise ja edendamise eest"},
    })

# The SQF's level descriptors (issue 14): nok.si's home page, level 1 (the stored page stops in level 2's 'Kompetence').
DESCRIPTORS["si-sqf"] = Descriptors(
    [SI_NOK_HOME],
    lang="sl",
    texts={
        "1": {"Znanje": "Elementarno splošno znanje, ki omogoča nadaljnje sistematično učenje.",
              "Spretnosti": "Osnovna pismenost ter sposobnost učenja podatkov in pojmov. Izkazovanje praktičnih "
                            "spretnosti za izvajanje enostavnih, ponavljajočih se opravil ali kratkega niza enostavnih "
                            "opravil.",
              "Kompetence": "Usposobljenost za delovanje v podrobno opredeljenem in zelo strukturiranem okolju."},
    })

# The FiNQF's level descriptors (issue 14): the annex of Government Decree 425/2022 (Finlex, the original text), level 1,
# its two paragraphs a line each (the stored text stops in the level 2 row).
FI_D = "Kansallinen vaativuustaso / eurooppalaisen tutkintojen viitekehyksen taso"
DESCRIPTORS["fi-finqf"] = Descriptors(
    [FI_FINLEX_ANNEX],
    lang="fi",
    texts={
        "1": {FI_D: "Hallitsee yleistiedot ja perustaidot, joita vaaditaan opiskelua varten sekä yksinkertaisten "
                    "tehtävien suorittamiseksi selkeässä toimintaympäristössä suoran valvonnan alaisena.\n"
                    "Ottaa ohjattuna vastuuta oppimisestaan. Viestii suullisesti ja vastaa yksinkertaiseen kirjalliseen "
                    "viestintään omalla äidinkielellään."},
    })

# The NQF VPQ's level descriptions (issue 14): SERI's page 'Die Niveaustufen des NQR Berufsbildung', levels 1-8, each as
# the page gives it.
CH_D = "Die Niveaustufen des NQR Berufsbildung"
DESCRIPTORS["ch-nqf-vpq"] = Descriptors(
    [CH_SERI_LEVELS_DE],
    lang="de",
    texts={
        "1": {CH_D: "Die Berufsleute erfüllen einfache Anforderungen in einem überschaubaren und stabil strukturierten "
                    "Tätigkeitsgebiet. Sie erfüllen ihre Aufgaben unter Anleitung."},
        "2": {CH_D: "Die Berufsleute erfüllen fachgerecht grundlegende Anforderungen in einem überschaubar und stabil "
                    "strukturierten Tätigkeitsgebiet. Sie erfüllen ihre Aufgabe weitgehend unter Anleitung."},
        "3": {CH_D: "Die Berufsleute erfüllen selbstständig fachliche Anforderungen in einem noch überschaubaren und zum "
                    "Teil offen strukturierten Arbeitsbereich."},
        "4": {CH_D: "Die Berufsleute erkennen und bearbeiten fachliche Aufgabenstellungen in einem umfassenden, sich "
                    "verändernden Arbeitsbereich."},
        "5": {CH_D: "Die Berufsleute erkennen und analysieren umfassende fachliche Aufgabenstellungen in einem komplexen, "
                    "spezialisierten, sich verändernden Arbeitskontext."},
        "6": {CH_D: "Die Berufsleute erkennen, analysieren und bewerten umfassende fachliche Aufgaben, Problemstellungen "
                    "und Prozesse in einem erweiterten Arbeitskontext. Die Anforderungsstruktur ist durch Komplexität und "
                    "häufige Veränderung gekennzeichnet."},
        "7": {CH_D: "Die Berufsleute bearbeiten neue komplexe Aufgaben- und Problemstellungen und steuern "
                    "eigenverantwortlich Prozesse in einem strategieorientierten Arbeitskontext. Die "
                    "Anforderungsstruktur ist durch häufige und unvorhersehbare Veränderungen gekennzeichnet."},
        "8": {CH_D: "Die Berufsleute entwickeln innovative Lösungen und Verfahren oder gewinnen Forschungserkenntnisse in "
                    "einem komplexen Tätigkeitsfeld. Die Anforderungsstruktur ist durch neuartige und hoch anspruchsvolle "
                    "Problemlagen gekennzeichnet."},
    })

_NZ_RULES = [NZQA_LISTING_RULES_APPENDIX]
_NZ_BOTH = [NZQA_LISTING_RULES_APPENDIX, CAREERS_NZ_LEVELS]
QUALIFICATION_TYPES: dict[str, QualificationTypes] = {
    # NZQA's listing rules, Appendix "NZQCF structure": the qualification types at each level (micro-credentials,
    # listed at every level in a column of their own, are not a qualification type and are left out).
    "nz-nzqcf": QualificationTypes({
        "1": [("Certificate", _NZ_BOTH)], "2": [("Certificate", _NZ_BOTH)], "3": [("Certificate", _NZ_BOTH)],
        "4": [("Certificate", _NZ_BOTH)],
        "5": [("Certificate", _NZ_BOTH), ("Diploma", _NZ_BOTH)],
        "6": [("Certificate", _NZ_BOTH), ("Diploma", _NZ_BOTH)],
        "7": [("Diploma", _NZ_RULES), ("Graduate Certificate", _NZ_BOTH), ("Graduate Diploma", _NZ_BOTH),
              ("Bachelor's Degree", _NZ_BOTH)],
        "8": [("Post-graduate Certificate", _NZ_BOTH), ("Post-graduate Diploma", _NZ_BOTH),
              ("Bachelor Honours Degree", _NZ_BOTH)],
        "9": [("Master's Degree", _NZ_BOTH)],
        "10": [("Doctoral Degree", _NZ_BOTH)],
    }),
    # The Irish NFQ's major award types, named as the page that places each at its level names it (see
    # QQI_NFQ_LEVEL6_NEWS above); levels no official page read places a type at have none. Levels 7, 9 and 10, and the
    # Professional Award at 7-9, from the EU's Europass comparison of Ireland and Estonia (EUROPASS_IE_EE: 'NQF 7 /
    # Ordinary Bachelor Degree ... Professional Award'; the page as read stops at Ireland's second NQF 6 type).
    "ie-nfq": QualificationTypes({
        "4": [("Leaving Certificate", [QQI_NARIC_LEAVING_CERT])],
        "5": [("Leaving Certificate", [QQI_NARIC_LEAVING_CERT])],
        "6": [("Advanced Certificate", [QQI_NFQ_LEVEL6_NEWS, EUROPASS_IE_EE]),
              ("Higher Certificate", [QQI_NFQ_LEVEL6_NEWS])],
        "7": [("Ordinary Bachelor Degree", [EUROPASS_IE_EE]), ("Professional Award", [EUROPASS_IE_EE])],
        "8": [("Honours Bachelor Degree", [OIREACHTAS_WA_2021_01_20, EUROPASS_IE_EE]),
              ("Higher Diploma", [OIREACHTAS_WA_2021_01_20, EUROPASS_IE_EE]), ("Professional Award", [EUROPASS_IE_EE])],
        "9": [("Master Degree", [EUROPASS_IE_EE]), ("Postgraduate Diploma", [EUROPASS_IE_EE]),
              ("Professional Award", [EUROPASS_IE_EE])],
        "10": [("Doctoral Degree", [EUROPASS_IE_EE]), ("Higher Doctorate", [EUROPASS_IE_EE])],
    }),
}

# --- Qualification types pass (issue 14, 2026-12-08): European frameworks -----------------------------------------
# Each type is named in the words, and the language, of the official page that places it at the level; a page's table
# is read row by row, a row being recorded only where its level number was read (a row cut off before its level is
# left out). Types the pages name only by reference ('Awards' of a kind not named) are recorded as named.

# Denmark: the ministry's overview of the Danish higher-education degrees (DK_UFM_DEGREES: columns Danish level,
# Ordinary Higher Education, Adult/Continuing HE, EHEA QF (Bologna), NQF/EQF, e.g. 'Bachelor's Professional Bachelor's
# degree (180-240 ECTS)* ... Diploma degree (60 ECTS) First cycle Level 6'), the types without their ECTS (the
# '(within the arts)' rows are the Bachelor's and Master's degrees of the arts, not types of their own); its page on the
# types of certificates and degrees ('4 Upper secondary certificates 4'; 'All Preparatory Adult Education certificates
# belong to level 1 of the Qualifications Framework.'); the level 1 page's 'Examples of qualifications at level 1' and
# the level 8 page's 'Qualifications at level 8: PhD degree'.
DK_UFM_TYPES = ("https://ufm.dk/en/education-and-institutions/recognition-and-transparency/transparency-tools/"
                "qualifications-frameworks/types-of-certificates-and-degrees")
QUALIFICATION_TYPES["dk-dkqf"] = QualificationTypes({
    "1": [("Preparatory Adult Education certificates", [DK_UFM_TYPES]),
          ("Certificate for the leaving examination of 9th class of the Folkeskole (Leaving Certificate of Primary and "
           "Lower Secondary School)", [DK_LEVEL_SOURCES[1][0]])],
    "4": [("Upper secondary certificates", [DK_UFM_TYPES])],
    "5": [("Academy Profession degree", [DK_UFM_DEGREES])],
    "6": [("Professional Bachelor\u2019s degree", [DK_UFM_DEGREES]), ("Diploma degree", [DK_UFM_DEGREES]),
          ("Bachelor\u2019s degree", [DK_UFM_DEGREES])],
    "7": [("Master\u2019s degree", [DK_UFM_DEGREES]), ("Master degree", [DK_UFM_DEGREES])],
    "8": [("PhD degree", [DK_UFM_DEGREES, DK_LEVEL_SOURCES[8][0]])],
})

# Finland: OPH's page on the FiNQF lists what sits at each level ('level 5: Specialist vocational qualifications, ...');
# the page as read starts its list at level 2 and stops in level 6, so levels 7 and 8 are not recorded. Level 3 lists
# preparatory programmes only, and the smaller modules of levels 2 and 4-6 (e.g. 'Basic Examination in Prison
# Services') are not types; they are left out.
QUALIFICATION_TYPES["fi-finqf"] = QualificationTypes({
    "2": [("Basic education syllabus", [FI_OPH])],
    "4": [("General upper secondary school syllabus", [FI_OPH]), ("Matriculation Examination", [FI_OPH]),
          ("Upper secondary vocational qualifications", [FI_OPH]), ("further vocational qualifications", [FI_OPH])],
    "5": [("Specialist vocational qualifications", [FI_OPH])],
    "6": [("Bachelor\u2019s degrees at universities", [FI_OPH]),
          ("Bachelor\u2019s degrees at universities of applied sciences", [FI_OPH])],
})

# Austria: the NQR register's 'NQR-Zuordnungen' (AT_NQR_ZUORDNUNGEN), the kinds of qualification it maps 'in einem
# Verbund' ('alle Lehrberufe auf NQR-Qualifikationsniveau IV', 'alle Meisterqualifikationen auf
# NQR-Qualifikationsniveau VI'), named as its headings name them (the BHS heading with its article: 'Die
# Berufsbildenden Höheren Schulen (BHS) auf das NQR-Qualifikationsniveau V'). Single qualifications mapped one by one
# (e.g. Klinische Psychologie, level VIII) are not types.
QUALIFICATION_TYPES["at-nqr"] = QualificationTypes({
    "4": [("Lehrberufe", [AT_NQR_ZUORDNUNGEN]),
          ("Drei- und Vierjährige Berufsbildende Mittlere Schulen (BMS)", [AT_NQR_ZUORDNUNGEN])],
    "5": [("Die Berufsbildenden Höheren Schulen (BHS)", [AT_NQR_ZUORDNUNGEN])],
    "6": [("Meisterqualifikation", [AT_NQR_ZUORDNUNGEN]), ("Ingenieur/Ingenieurin", [AT_NQR_ZUORDNUNGEN])],
}, lang="de")

# Netherlands: Nuffic's tables of Dutch diplomas with their NLQF level (NUFFIC_NL_DIPLOMAS, and its newer page
# NUFFIC_NL_LEVELS, which adds the EngD at level 8); the vwo diploma, NLQF '4+', is not recorded (4+ is not a level
# here, see the framework's notes). Level 8 also from the EU's Europass comparison of the Netherlands and Italy
# (EUROPASS_NL_IT: 'NQF 8 Doctorate (Doctoraat) Designer (Ontwerper) Medical specialist (Medisch specialist)'), in its
# Dutch names.
NUFFIC_NL_LEVELS = "https://www.nuffic.nl/onderwijssystemen/nederland/niveau-van-nederlandse-diplomas"
EUROPASS_NL_IT = ("https://europass.europa.eu/en/compare-qualifications?field_location_selection_target_id%5B6073%5D=6073"
                  "&field_location_selection_target_id%5B6078%5D=6078")
_NUFFIC = [NUFFIC_NL_DIPLOMAS, NUFFIC_NL_LEVELS]
QUALIFICATION_TYPES["nl-nlqf"] = QualificationTypes({
    "1": [("Vmbo-diploma (bb)", _NUFFIC), ("Mbo-diploma niveau 1", _NUFFIC)],
    "2": [("Vmbo-diploma (kb, gl of tl)", _NUFFIC), ("Mbo-diploma niveau 2", _NUFFIC)],
    "3": [("Mbo-diploma niveau 3", _NUFFIC)],
    "4": [("Mbo-diploma niveau 4", _NUFFIC), ("Havodiploma", _NUFFIC)],
    "5": [("Associate degree", _NUFFIC)],
    "6": [("Bachelor (hbo)", _NUFFIC), ("Bachelor (wo)", _NUFFIC)],
    "7": [("Master (hbo)", _NUFFIC), ("Master (wo)", _NUFFIC)],
    "8": [("Doctor", [NUFFIC_NL_DIPLOMAS]), ("Engineering Doctorate (EngD)", [NUFFIC_NL_LEVELS]),
          ("Ontwerper", [EUROPASS_NL_IT]), ("Medisch specialist", [EUROPASS_NL_IT])],
}, lang="nl")

# Estonia: the Estonian Qualifications Authority's table of formal-education qualifications by EKR level
# (EE_KUTSEKODA_ET: 'Formaalhariduslikud kvalifikatsioonid | EKR-i tase | Ametirühmad ja kutsed'; read to the level 6
# row); levels 7 and 8, and level 6's bachelor's degree again, from the EU's Europass comparison of Ireland and Estonia
# (EUROPASS_IE_EE: 'NQF 7 Master degree (Magistrikraad)', 'NQF 8 Doctoral degree (Doktorikraad)'), in their Estonian
# names. The occupational qualifications ('Level 8 occupational qualification') are named there only in English.
QUALIFICATION_TYPES["ee-estqf"] = QualificationTypes({
    "1": [("Toimetuleku õppekava lõputunnistus", [EE_KUTSEKODA_ET])],
    "2": [("Lihtsustatud õppekava lõputunnistus", [EE_KUTSEKODA_ET]), ("põhikooli lõputunnistus", [EE_KUTSEKODA_ET]),
          ("2. taseme kutseõppe tunnistus (põhihariduse nõudeta)", [EE_KUTSEKODA_ET])],
    "3": [("3. taseme kutseõppe tunnistus (põhihariduse nõudeta)", [EE_KUTSEKODA_ET])],
    "4": [("Gümnaasiumi lõputunnistus", [EE_KUTSEKODA_ET]), ("4. taseme kutseõppe tunnistus", [EE_KUTSEKODA_ET]),
          ("kutsekeskharidusõppe tunnistus", [EE_KUTSEKODA_ET])],
    "5": [("5. taseme kutseeriharidusõppe tunnistus", [EE_KUTSEKODA_ET])],
    "6": [("Bakalaureusekraad", [EE_KUTSEKODA_ET, EUROPASS_IE_EE]), ("rakenduskõrghariduse diplom", [EE_KUTSEKODA_ET])],
    "7": [("Magistrikraad", [EUROPASS_IE_EE])],
    "8": [("Doktorikraad", [EUROPASS_IE_EE])],
}, lang="et")

# Sweden: MYH's page on the two higher vocational education degrees ('En yrkeshögskoleexamen är placerad på nivå 5
# enligt Sveriges referensram för kvalifikationer (SeQF).'; 'En kvalificerad yrkeshögskoleexamen är placerad på nivå
# 6'), named as its headings name them. UHR's interactive SeQF figure, which places the other Swedish qualifications,
# is not in its text as read.
SE_MYH_EXAMEN = "https://www.myh.se/Verksamhetsomraden/Yrkeshogskolan/For-utbildningsanordnare/Examen/"
QUALIFICATION_TYPES["se-seqf"] = QualificationTypes({
    "5": [("Yrkeshögskoleexamen", [SE_MYH_EXAMEN])],
    "6": [("Kvalificerad yrkeshögskoleexamen", [SE_MYH_EXAMEN])],
}, lang="sv")

# Lithuania: KPMPC's table 'Kvalifikaciją patvirtinantys dokumentai pagal LTKS lygius' (LT_KPMPC_LT: columns LTKS
# lygis, Kvalifikacijos darbui, Kvalifikacijos mokymuisi, LTKS lygis); the page as read stops in the level 2 row, after
# 'Profesinio mokymo diplomas', so level 2's second document and level 1 are not recorded.
QUALIFICATION_TYPES["lt-ltqf"] = QualificationTypes({
    "2": [("Profesinio mokymo diplomas", [LT_KPMPC_LT])],
    "3": [("Profesinio mokymo diplomas", [LT_KPMPC_LT])],
    "4": [("Profesinio mokymo diplomas", [LT_KPMPC_LT]), ("Brandos atestatas", [LT_KPMPC_LT])],
    "5": [("Profesinio mokymo diplomas", [LT_KPMPC_LT])],
    "6": [("Bakalauro diplomas", [LT_KPMPC_LT]), ("Profesinio bakalauro diplomas", [LT_KPMPC_LT]),
          ("Studijų pažymėjimas", [LT_KPMPC_LT])],
    "7": [("Rezidentūros pažymėjimas", [LT_KPMPC_LT]), ("Magistro diplomas", [LT_KPMPC_LT])],
    "8": [("Mokslo daktaro diplomas", [LT_KPMPC_LT]), ("Meno daktaro diplomas", [LT_KPMPC_LT])],
}, lang="lt")

# Portugal: the DGES's table of the QNQ (PT_DGES_PT: 'Níveis | Qualificações | Níveis | Conhecimentos | Aptidões |
# Atitudes'), the 'Qualificações' cell of each level; the page as read stops in the level 4 row, so levels 5-8 are not
# recorded.
PT_DGES_PT = "https://dges.gov.pt/pt/quadro_qualificacoes?plid=371"
QUALIFICATION_TYPES["pt-qnq"] = QualificationTypes({
    "1": [("2.º ciclo do ensino básico", [PT_DGES_PT])],
    "2": [("3.º ciclo do ensino básico obtido no ensino regular ou por percursos de dupla certificação", [PT_DGES_PT])],
    "3": [("Ensino secundário vocacionado para prosseguimento de estudos de nível superior", [PT_DGES_PT])],
    "4": [("Ensino secundário obtido por percursos de dupla certificação ou ensino secundário vocacionado para "
           "prosseguimento de estudos de nível superior acrescido de estágio profissional - mínimo de 6 meses",
           [PT_DGES_PT])],
}, lang="pt")

# Italy: the EU's Europass comparison of the Netherlands and Italy (EUROPASS_NL_IT), which names each Italian type in
# English and Italian ('Research doctorate - Dottorato di ricerca'); the Italian names are recorded. The page as read
# stops in Italy's NQF 7 list, after its second type.
QUALIFICATION_TYPES["it-qnq"] = QualificationTypes({
    "7": [("Laurea magistrale", [EUROPASS_NL_IT]), ("Diploma accademico di secondo livello", [EUROPASS_NL_IT])],
    "8": [("Dottorato di ricerca", [EUROPASS_NL_IT]),
          ("Diploma accademico di formazione alla ricerca", [EUROPASS_NL_IT]),
          ("Diploma di specializzazione", [EUROPASS_NL_IT]),
          ("Master universitario di secondo livello", [EUROPASS_NL_IT]),
          ("Diploma accademico di specializzazione", [EUROPASS_NL_IT]),
          ("Diploma di perfezionamento o Master", [EUROPASS_NL_IT])],
}, lang="it")

# Switzerland: SERI's 'Standard reference levels for each type of qualification' (the simplified referencing of the
# NQF VPQ: 'SERI proposes a standard reference level for each type of qualification'), on its two addresses; a
# qualification referenced individually may sit at another level.
CH_SERI_REFERENCING = "https://www.sbfi.admin.ch/sbfi/en/home/education/mobility/nqf-vpet/das-vorgehen-zur-einstufung.html"
CH_SERI_REFERENCING_2 = "https://www.sbfi.admin.ch/sbfi/en/home/bildung/mobilitaet/nqf-vpet/das-vorgehen-zur-einstufung.html"
_CH = [CH_SERI_REFERENCING, CH_SERI_REFERENCING_2]
QUALIFICATION_TYPES["ch-nqf-vpq"] = QualificationTypes({
    "3": [("Federal Certificate of Vocational Education and Training", _CH)],
    "4": [("Federal Diploma of Vocational Education and Training", _CH)],
    "5": [("Federal Diploma of Higher Education", _CH)],
    "6": [("Advanced Federal Diploma of Higher Education", _CH)],
})

# Cyprus: the CyQF's diagram as the Greek address of cyqf.gov.cy gives it, in English (CY_DIAGRAM_EL: NQF LEVELS,
# EDUCATIONAL/ACADEMIC QUALIFICATIONS, Occupational/Vocational Qualifications, EQF LEVELS), in its capitals, one record
# per cell ('CERTICATE' as the page spells it). 'SVQ Level 5' stands beside the three sub-levels of level 5 and is
# not recorded; SVQ levels 3, 4 and 6 stand in the row of their level.
QUALIFICATION_TYPES["cy-cyqf"] = QualificationTypes({
    "1": [("COMPULSORY EDUCATION CERTIFICATE (Elementary School Leaving Certificate, and/or graduates of 7th and /or "
           "8th Class)", [CY_DIAGRAM_EL])],
    "2": [("COMPULSORY LOWER SECONDARY EDUCATION CERTIFICATE 9th Class", [CY_DIAGRAM_EL]),
          ("PREPARATORY PROGRAMME (NEW MODERN APPRENTICESHIP)", [CY_DIAGRAM_EL])],
    "3": [("LOWER SECONDARY EDUCATION CERTIFICATE 10th Class", [CY_DIAGRAM_EL]),
          ("NEW MODERN APPRENTICESHIP CERTICATE", [CY_DIAGRAM_EL]), ("SVQ Level 3", [CY_DIAGRAM_EL])],
    "4": [("UPPER SECONDARY GENERAL EDUCATION AND EVENING SCHOOLS CERTIFICATES (12th Class-or 12&13th for some "
           "private schools)-APOLYTERION", [CY_DIAGRAM_EL]),
          ("UPPER SECONDARY TECHNICAL AND VOCATIONAL EDUCATION AND EVENING TECHNICAL SCHOOLS CERTIFICATES (12th "
           "Class)-APOLYTERION", [CY_DIAGRAM_EL]), ("SVQ Level 4", [CY_DIAGRAM_EL])],
    "5a": [("POST SECONDARY CERTIFICATES AND DIPLOMAS (1 year)", [CY_DIAGRAM_EL])],
    "5b": [("POST SECONDARY CERTIFICATES AND DIPLOMAS (2 years)", [CY_DIAGRAM_EL])],
    "5c": [("HIGHER CERTIFICATES AND DIPLOMAS (3 years or more)", [CY_DIAGRAM_EL])],
    "6": [("UNIVERSITY DEGREE (PTYCHION/BACHELOR\u2019S DEGREE)", [CY_DIAGRAM_EL]), ("SVQ Level 6", [CY_DIAGRAM_EL])],
    "7a": [("POST GRADUATE CERTIFICATES", [CY_DIAGRAM_EL])],
    "7b": [("POST GRADUATE DIPLOMA", [CY_DIAGRAM_EL])],
    "7c": [("MASTER\u2019S DEGREE", [CY_DIAGRAM_EL])],
    "8": [("DOCTORAL DEGREE", [CY_DIAGRAM_EL])],
})

# Slovenia: nok.si's 'Shema Slovensko ogrodje kvalifikacij (SOK)' (SI_NOK_SOK: columns Izobrazbe, Poklicne
# kvalifikacije, Dodatne kvalifikacije, SOK raven, EOK raven, EOVK raven), its 'typical qualification documents': the
# education documents and the national vocational qualification certificate. The generic certificates of training
# programmes and of supplementary qualifications, in every row from 3 to 6, are left out. The page as read stops in the
# level 7 row before its level number, so levels 7-10 are not recorded.
_SI_NPK = ("Certifikat o nacionalni poklicni kvalifikaciji", [SI_NOK_SOK])
QUALIFICATION_TYPES["si-sqf"] = QualificationTypes({
    "1": [("Spričevalo o končanem 7. oz. 8. razredu osnovne šole (nedokončana osnovnošolska izobrazba)", [SI_NOK_SOK]),
          ("Zaključno spričevalo osnovne šole (Osnovnošolska izobrazba z nižjim izobrazbenim standardom)",
           [SI_NOK_SOK])],
    "2": [("Zaključno spričevalo osnovne šole (Osnovnošolska izobrazba)", [SI_NOK_SOK]), _SI_NPK],
    "3": [("Spričevalo o zaključnem izpitu (Nižja poklicna izobrazba)", [SI_NOK_SOK]), _SI_NPK],
    "4": [("Spričevalo o zaključnem izpitu (Srednja poklicna izobrazba)", [SI_NOK_SOK]), _SI_NPK],
    "5": [("Spričevalo o poklicni maturi (Srednja strokovna izobrazba)", [SI_NOK_SOK]),
          ("Spričevalo o splošni maturi (Srednja izobrazba)", [SI_NOK_SOK]),
          ("Spričevalo o opravljenem mojstrskem izpitu (Srednja strokovna izobrazba)", [SI_NOK_SOK]),
          ("Spričevalo o opravljenem delovodskem delu (Srednja strokovna izobrazba)", [SI_NOK_SOK]),
          ("Spričevalo o opravljenem poslovodskem izpitu (Srednja strokovna izobrazba)", [SI_NOK_SOK]), _SI_NPK],
    "6": [("Diploma o višji strokovni izobrazbi (Višja strokovna izobrazba)", [SI_NOK_SOK]), _SI_NPK],
}, lang="sl")

# Scotland: the SCQF Partnership's interactive framework (SCQF_INTERACTIVE: columns SCQF Levels, SQA Qualifications,
# Qualifications of Higher Education Institutions, Apprenticeships & SVQs), every type each row names, as it names
# it (level 9's 'Professional Development Awards' in the plural).
SCQF_INTERACTIVE = "https://scqf.org.uk/about-the-framework/interactive-framework/"
_SCQF_ROWS = {
    "1": "National 1, Awards",
    "2": "National 2, Awards, National Certificate, National Progression Award",
    "3": "National 3, Awards, Skills for Work National 3, National Certificate, National Progression Award",
    "4": "National 4, Awards, Skills for Work National 4, National Certificate, National Progression Award, SVQ",
    "5": "National 5, Awards, Skills for Work National 5, National Certificate, National Progression Award, "
         "Modern Apprenticeship, SVQ",
    "6": "Higher, Awards, Skills for Work Higher, National Certificate, Professional Development Award, "
         "National Progression Award, Modern Apprenticeship, Foundation Apprenticeship, SVQ",
    "7": "Advanced Higher, Awards, Scottish Baccalaureate, Higher National Certificate, Advanced Certificate, "
         "Professional Development Award, Certificate of Higher Education, Modern Apprenticeship, SVQ",
    "8": "Higher National Diploma, Advanced Diploma, Professional Development Award, Diploma of Higher Education, "
         "Higher Apprenticeship, Technical Apprenticeship, SVQ",
    "9": "Professional Development Awards, Bachelors / Ordinary Degree, Graduate Diploma, Graduate Certificate, "
         "Graduate Apprenticeship, Technical Apprenticeship, SVQ",
    "10": "Professional Development Award, Honours Degree, Graduate Diploma, Graduate Certificate, "
          "Graduate Apprenticeship, Professional Apprenticeship, SVQ",
    "11": "Professional Development Award, Masters Degree, Integrated Masters Degree, Post Graduate Diploma, "
          "Post Graduate Certificate, Graduate Apprenticeship, Professional Apprenticeship, SVQ",
    "12": "Professional Development Award, Doctoral Degree, Professional Apprenticeship",
}
QUALIFICATION_TYPES["uk-scqf"] = QualificationTypes(
    {n: [(name, [SCQF_INTERACTIVE]) for name in row.split(", ")] for n, row in _SCQF_ROWS.items()})

# --- Qualification types, second pass (issue 14, 2026-12-08): the frameworks still without types -------------------
# The same rules as the pass above: each type in the words and the language of the official page that places it at the
# level, a row recorded only where its level was read.

# France: the state's answer 'Quelle est la nomenclature des diplômes par niveau ?' (question F199 of service-public.fr,
# by the Direction de l'information légale et administrative), read as the government's associations site publishes it
# ('Cette rubrique est réalisée en partenariat avec www.service-public.fr'; its address is written here without the
# trailing dot of the stored one). Its table 'Formation et niveau de diplôme correspondant' gives each diploma's level
# in the 2019 framework and the old one: 'CAP, BEP | 3 (anciennement V)', 'Baccalauréat, BP | 4 (anciennement IV)',
# ..., 'Doctorat, habilitation à diriger des recherches | 8 (anciennement I)'. INSEE's definition of the 2019 framework
# (INSEE_NIVEAUX: 'Le niveau 3 correspond aux diplômes du second cycle court : CAP, BEP et équivalents', ...) is a
# second source where it names the same type, and France compétences' page on the French system ('Le baccalauréat est
# enregistré au niveau 4 du cadre'; read to there) for the baccalauréat. Levels 1 and 2 name no diploma.
FR_F199 = "https://associations.gouv.fr/dons-donations-et-legs.html?xml=F199"
FR_FRANCECOMPETENCES_SYSTEME = "https://www.francecompetences.fr/espace-international/systeme-francais-2020/"
_F199, _F199_INSEE = [FR_F199], [FR_F199, INSEE_NIVEAUX]
QUALIFICATION_TYPES["fr-cncp"] = QualificationTypes({
    "3": [("CAP", _F199_INSEE), ("BEP", _F199_INSEE)],
    "4": [("Baccalauréat", [FR_F199, INSEE_NIVEAUX, FR_FRANCECOMPETENCES_SYSTEME]), ("BP", _F199)],
    "5": [("DEUG", _F199_INSEE), ("BTS", _F199_INSEE), ("DUT", _F199_INSEE), ("DEUST", _F199)],
    "6": [("Licence", _F199_INSEE), ("licence professionnelle", _F199_INSEE), ("BUT", _F199),
          ("Maîtrise", _F199_INSEE)],
    "7": [("Master", _F199_INSEE), ("diplôme d'études approfondies", _F199),
          ("diplôme d'études supérieures spécialisées", _F199), ("diplôme d'ingénieur", _F199_INSEE)],
    "8": [("Doctorat", _F199_INSEE), ("habilitation à diriger des recherches", _F199_INSEE)],
}, lang="fr")

# The old nomenclature: the same table's 'anciennement' level of each diploma; INSEE's definition of the 'Classification
# française des niveaux de formation' (the 1969 classification that INSEE_NIVEAUX says the 2019 framework replaced:
# 'Le niveau III correspond aux diplômes ... (diplôme universitaire technologique-DUT, brevet de technicien
# supérieur-BTS, diplôme d'études universitaires générales-Deug, ...)', 'Le niveau II ... (licence, licence
# professionnelle, etc.)', 'Le niveau I ... (master, doctorat, etc.)') is a second source where it names the same type.
# Its levels V and IV are school years ('années terminales du second cycle court (CAP/BEP)'), not diplomas, and its
# levels VI and Vbis are not levels of the five-level nomenclature. The BUT ('Licence, licence professionnelle, BUT |
# 6 (anciennement II)') is left out: the table's 'anciennement II' names the old number of its level 6, and the BUT
# was created after the old nomenclature was replaced.
FR_INSEE_1969 = "https://www.insee.fr/fr/metadonnees/definition/c1076"
_F199_C1076 = [FR_F199, FR_INSEE_1969]
QUALIFICATION_TYPES["fr-1969"] = QualificationTypes({
    "V": [("CAP", _F199), ("BEP", _F199)],
    "IV": [("Baccalauréat", _F199), ("BP", _F199)],
    "III": [("DEUG", _F199_C1076), ("BTS", _F199_C1076), ("DUT", _F199_C1076), ("DEUST", _F199)],
    "II": [("Licence", _F199_C1076), ("licence professionnelle", _F199_C1076), ("Maîtrise", _F199)],
    "I": [("Master", _F199_C1076), ("diplôme d'études approfondies", _F199),
          ("diplôme d'études supérieures spécialisées", _F199), ("diplôme d'ingénieur", _F199),
          ("Doctorat", _F199_C1076), ("habilitation à diriger des recherches", _F199)],
}, lang="fr")

# Belgium, Flemish Community: Nuffic's page on the Flemish qualifications framework, in Dutch ('Het Vlaamse
# kwalificatieraamwerk (VKS) bestaat uit 8 kwalificatieniveaus: Niveau 1: lager onderwijs. ... Niveau 3: getuigschrift
# behaald na 6 jaar BSO. Niveau 4: Diploma van Secundair Onderwijs. Niveau 5: Gegradueerde (voorheen HBO5). ...
# Niveau 8: Doctor.') and in English (BE_FL_NUFFIC_FRAMEWORK_EN: 'Level 5: Diploma van Gegradueerde.'), each type in
# its Dutch name (level 5 as the English page names it, the Dutch page writing 'Gegradueerde'). Levels 1 ('lager
# onderwijs') and 2 ('4 jaar secundair (voortgezet) onderwijs') name a stage of schooling, not a qualification, and are
# left out.
BE_FL_NUFFIC_FRAMEWORK = "https://www.nuffic.nl/onderwijssystemen/belgie-vlaamstalige-regio/kwalificatieraamwerk"
_BE_FL = [BE_FL_NUFFIC_FRAMEWORK, BE_FL_NUFFIC_FRAMEWORK_EN]
QUALIFICATION_TYPES["be-vks"] = QualificationTypes({
    "3": [("getuigschrift behaald na 6 jaar BSO", _BE_FL)],
    "4": [("Diploma van Secundair Onderwijs", _BE_FL)],
    "5": [("Diploma van Gegradueerde", _BE_FL)],
    "6": [("Bachelor", _BE_FL)],
    "7": [("Master", _BE_FL)],
    "8": [("Doctor", _BE_FL)],
}, lang="nl")

# Belgium, French Community: Nuffic's table of the diplomas of French-speaking Belgium (BE_FR_NUFFIC_DIPLOMAS, the
# table the decisions cite; columns 'Gangbare diploma's | CFC-niveau | EQF-niveau | ...'), each diploma in its French
# name, the three rows of the Certificat d'enseignement secondaire supérieur (by 'richting') as one type. No diploma of
# CFC 1-3, 5 or 8 is in the table.
QUALIFICATION_TYPES["be-cfc"] = QualificationTypes({
    "4": [("Certificat d\u2019enseignement secondaire supérieur", [BE_FR_NUFFIC_DIPLOMAS])],
    "6": [("Grade de Bachelier (professionnalisant/de type court)", [BE_FR_NUFFIC_DIPLOMAS]),
          ("Bachelier de spécialisation", [BE_FR_NUFFIC_DIPLOMAS]),
          ("Grade de Bachelier (de transition/de type long)", [BE_FR_NUFFIC_DIPLOMAS])],
    "7": [("Grade de Master", [BE_FR_NUFFIC_DIPLOMAS]), ("Master de spécialisation", [BE_FR_NUFFIC_DIPLOMAS])],
}, lang="fr")

# Poland: the ministry's PRK site (PL_PRK_MEN) for the full qualifications at levels I and II ('na poziomie I Polskiej
# Ramy Kwalifikacji potwierdza: świadectwo ukończenia sześcioletniej szkoły podstawowej, ...'; 'na poziomie II ...:
# świadectwo ukończenia gimnazjum, świadectwo ukończenia ośmioletniej szkoły podstawowej'), the music-school certificates
# of level I left out; Nuffic's table (PL_PRK_ROWS_READ) for levels III-VII, each diploma under its Polish name without
# Nuffic's English gloss, the spelling kept ('ukonczenia').
_PL_NUFFIC = [PL_NUFFIC_DIPLOMAS, PL_NUFFIC_DIPLOMAS_NL]
QUALIFICATION_TYPES["pl-prk"] = QualificationTypes({
    "1": [("świadectwo ukończenia sześcioletniej szkoły podstawowej", [PL_PRK_MEN])],
    "2": [("świadectwo ukończenia gimnazjum", [PL_PRK_MEN]),
          ("świadectwo ukończenia ośmioletniej szkoły podstawowej", [PL_PRK_MEN])],
    "3": [("Dyplom zawodowy", _PL_NUFFIC)],
    "4": [("Dyplom zawodowy", _PL_NUFFIC), ("Dyplom potwierdzający kwalifikacje zawodowe", _PL_NUFFIC),
          ("Świadectwo ukończenia technikum", _PL_NUFFIC),
          ("Świadectwo ukończenia liceum ogólnokształcącego", _PL_NUFFIC), ("Świadectwo dojrzałości", _PL_NUFFIC)],
    "5": [("Dyplom ukończenia kolegium", _PL_NUFFIC)],
    "6": [("Dyplom inżynier", _PL_NUFFIC), ("Dyplom licencjat", _PL_NUFFIC)],
    "7": [("Dyplom magister", _PL_NUFFIC), ("Dyplom magister inżynier", _PL_NUFFIC),
          ("Dyplom ukonczenia jednolitych studiów magisterskich", _PL_NUFFIC),
          ("Dyplom lekarz/ lekarz dentysta/ lekarz weterynarii", _PL_NUFFIC)],
}, lang="pl")

# Luxembourg: Nuffic's table (LU_CLQ_ROWS_READ) for CLQ 2-7, each diploma in its French name as the table writes it
# ('professionelle' kept), the English 'Bachelor's degree' and 'Master's degree' left out (the table does not give their
# French names); level 1 from the lifelong-learning portal's table ('Certificate attesting successful completion of
# lower cycle of general secondary education (Certificat de réussite du cycle inférieur de l’enseignement secondaire
# général)').
QUALIFICATION_TYPES["lu-clq"] = QualificationTypes({
    "1": [("Certificat de réussite du cycle inférieur de l’enseignement secondaire général", [LU_LLL_CLQ])],
    "2": [("Certificat de capacité professionnelle", [LU_NUFFIC])],
    "3": [("Diplôme d'aptitude professionelle", [LU_NUFFIC])],
    "4": [("Diplôme de technicien", [LU_NUFFIC]),
          ("Diplôme de fin d’études secondaires générales", [LU_NUFFIC]),
          ("Diplôme de fin d'études secondaires classiques", [LU_NUFFIC])],
    "5": [("Brevet de technicien supérieur", [LU_NUFFIC]), ("Brevet de maîtrise", [LU_NUFFIC])],
}, lang="fr")

# Greece: Nuffic's table of Greek diplomas with their HQF level (columns 'Diploma | HQF | EQF | Vergelijkbaar met |
# NLQF | EQF'), each diploma in its Greek name as the table gives it beside the transliteration ('Apolytirio Genikou
# Lykeiou (Απολυτήριο Γενικού Λυκείου) ... 4 4'), the spelling kept ('Κατάρτησης'); the Ptychio's several rows (a
# university's, after a Ptychio TE, in veterinary medicine, in medicine: all HQF 6) are one type. The Apolytirio
# Epangelmatikou Sgoli (EPAS), at HQF 4 in the table, is left out: Cedefop's 2022 country report says the 2020 law
# levelled the EPAS qualifications from HQF level 4 to level 3. The table names no diploma at HQF 1-3 or 8.
GR_NUFFIC_LEVELS = "https://www.nuffic.nl/onderwijssystemen/griekenland/niveau-van-diplomas"
QUALIFICATION_TYPES["gr-hqf"] = QualificationTypes({
    "4": [("Απολυτήριο Επαγγελματικού Λυκείου", [GR_NUFFIC_LEVELS]),
          ("Απολυτήριο Γενικού Λυκείου", [GR_NUFFIC_LEVELS])],
    "5": [("Βεβαίωση Επαγγελματικής Κατάρτησης", [GR_NUFFIC_LEVELS])],
    "6": [("Πτυχίο TE", [GR_NUFFIC_LEVELS]), ("Πτυχίο", [GR_NUFFIC_LEVELS]), ("Δίπλωμα", [GR_NUFFIC_LEVELS])],
    "7": [("Μεταπτυχιακό Δίπλωμα Ειδίκευσης", [GR_NUFFIC_LEVELS])],
}, lang="el")

# Iceland: the Directorate of Education's list of the twelve completions ('námslok') defined in the upper-secondary
# national curriculum, each with its level (IS_MMS_NAMSLOK: '1 - Framhaldsskólapróf á fyrsta þrepi; ... 4 - Próf til
# starfsréttinda á öðru þrepi; ... 6 - Bóknámsbrautir til stúdentsprófs (þriðja þrep); ... 10 - Próf til
# starfsréttinda á fjórða þrepi'), whose levels are the ISQF's: its page on the framework says every recognised
# completion 'hefur verið tengt við hæfniþrep í íslenska hæfnirammanum' (IS_MMS_ISQF). The stúdentspróf is named as the
# curriculum's appendix names the three kinds of completion ('Þrjár tegundir námsloka eru skilgreindar, það er
# framhaldsskólapróf, próf til starfsréttinda og stúdentspróf'; it also places the framhaldsskólapróf 'á hæfniþrepi
# eitt eða tvö'). The catch-all 'Önnur lokapróf' (other final examinations, 1-3), 'Viðbótarnám við framhaldsskóla' (a
# collective name, 4) and 'Nám fyrir nemendur á starfsbraut' (a programme, 1) are left out. Levels 5.1-7 have none.
IS_MMS_NAMSLOK = "https://mms.is/namslokanumer-a-framhaldsskolastigi"
IS_MMS_ISQF = "https://mms.is/hvad-er-islenski-haefniramminn-um-menntun"
IS_NAMSKRA_VIDAUKI2 = "https://www.namskra.is/books/adalnamskraframhaldsskola2011/vidauki2"
_IS = [IS_MMS_NAMSLOK, IS_MMS_ISQF]
QUALIFICATION_TYPES["is-isqf"] = QualificationTypes({
    "1": [("Framhaldsskólapróf", [*_IS, IS_NAMSKRA_VIDAUKI2])],
    "2": [("Framhaldsskólapróf", [*_IS, IS_NAMSKRA_VIDAUKI2]), ("Próf til starfsréttinda", _IS)],
    "3": [("stúdentspróf", [*_IS, IS_NAMSKRA_VIDAUKI2]), ("Próf til starfsréttinda", _IS)],
    "4": [("Próf til starfsréttinda", _IS)],
}, lang="is")

# Wales: Careers Wales (the Welsh Government's careers service), 'Find out about qualifications': 'The Credit and
# Qualifications Framework for Wales (CQFW) describes the qualifications system in Wales ... GCSEs are level 1 or 2
# courses (depending on the gra' (that version stored to there; two other stored versions of the same address end the
# sentence 'depending on the grade achieved'). Its entry-level qualifications are 'awarded at 3 sub-levels of 1, 2 and
# 3' with no type named per sub-level, so E1-E3 have none; no version as read reaches the types of levels 3-8.
CAREERS_WALES_QUALIFICATIONS = "https://careerswales.gov.wales/courses-and-training/find-out-about-qualifications"
QUALIFICATION_TYPES["uk-cqfw"] = QualificationTypes({
    "1": [("GCSEs", [CAREERS_WALES_QUALIFICATIONS])],
    "2": [("GCSEs", [CAREERS_WALES_QUALIFICATIONS])],
})


# Germany's DQR is bundled as spreadsheet templates (data/templates/), not Turtle.
DQR_SOURCES = [DQR_FAQ, DQR_IHK]

# The DQR's qualification types (issue 14), in the qualification-types template (templates/dqr-qualification-types.csv),
# each in German as its page writes it. Cedefop's VET glossary (cedefop.europa.eu, the EU agency) gives, on its German
# page of each EQF level, 'Beispiele für Qualifikationen auf EQR-Niveau n' for Germany: level 5 'IT-Spezialist/in
# (Zertifizierte/r), Service-techniker/in (Geprüfte/r)', level 6 'Bachelor, Fachkaufmann/-frau (Geprüfte/r), Fachwirt/in
# (Geprüfte/r), Meister/in (Geprüfte/r), Operative/r IT Professional (Geprüfte/r)', level 7 'Master, Strategische/r IT
# Professional (Geprüfte/r)', level 8 'Doktorat'. A German qualification's DQR level is its EQF level (DQR n -> EQF n
# for every n, the decisions of templates/referencing.csv, and no other DQR level is at EQF n), so these are the types
# of DQR 5-8. dqr.de's old FAQ (content/2411.php) asks 'Wenn die Qualifikationen Fachwirt/in, Meister/in und
# Techniker/in wie auch der Bachelor dem Niveau 6 des DQR zugeordnet werden, ...' and answers 'Die Aussage, dass z. B.
# Bachelor und Meister/in Aufgaben auf dem gleichen Anforderungsniveau zu bewältigen haben, besagt nicht, ...': the
# question's premise alone places nothing, the answer affirms it for the two types it names, so the FAQ is a second
# source of Bachelor and Meister/in only, and Techniker/in (named only in the question) is left out. Cedefop's German pages
# of EQF levels 1, 3 and 4 are not stored; its level 2 example list mixes school leaving certificates and measures of
# the employment agency, with a stray parenthesis, and is left out.
CEDEFOP_EQR_NIVEAU = "https://www.cedefop.europa.eu/de/tools/vet-glossary/glossary/europees-kwalificatiekader-voor-een-leven-lang-leren-ekk-niveau-{n}"
DQR_FAQ_LEVEL_6 = "http://dqr.de/content/2411.php"
DQR_TYPES: dict[int, list[tuple[str, list[str]]]] = {
    5: [("IT-Spezialist/in (Zertifizierte/r)", [CEDEFOP_EQR_NIVEAU.format(n=5)]),
        ("Service-techniker/in (Geprüfte/r)", [CEDEFOP_EQR_NIVEAU.format(n=5)])],
    6: [("Bachelor", [CEDEFOP_EQR_NIVEAU.format(n=6), DQR_FAQ_LEVEL_6]),
        ("Fachkaufmann/-frau (Geprüfte/r)", [CEDEFOP_EQR_NIVEAU.format(n=6)]),
        ("Fachwirt/in (Geprüfte/r)", [CEDEFOP_EQR_NIVEAU.format(n=6)]),
        ("Meister/in (Geprüfte/r)", [CEDEFOP_EQR_NIVEAU.format(n=6), DQR_FAQ_LEVEL_6]),
        ("Operative/r IT Professional (Geprüfte/r)", [CEDEFOP_EQR_NIVEAU.format(n=6)])],
    7: [("Master", [CEDEFOP_EQR_NIVEAU.format(n=7)]),
        ("Strategische/r IT Professional (Geprüfte/r)", [CEDEFOP_EQR_NIVEAU.format(n=7)])],
    8: [("Doktorat", [CEDEFOP_EQR_NIVEAU.format(n=8)])],
}
DQR_NOTE = "DQR has 8 levels assigned to the 8 EQF levels; DQR in force 1 May 2013 (IHK page)"

# The DQR's level descriptors (issue 14), from dqr.de, the DQR site of the BMBF and the KMK. Each level page gives the
# level's "Niveauindikator" (level indicator: the short text that precedes the level) and its descriptor in four
# parts: Fachkompetenz (Wissen, Fertigkeiten) and Personale Kompetenz (Sozialkompetenz, Selbständigkeit). The
# templates hold them as descriptor:<domain> columns, one column per part, the domain slugs taken from the German
# headings (as the fr-cncp and it-qnq domains are named in their own language): German and English text of a level
# are the same descriptors, in two languages. Each statement of the page is a line; where the page breaks a statement
# over two lines (the next line goes on in lower case, after "‑" or mid-sentence), the two are joined with a space,
# every character kept. The footnote on "Organisationen"/"organisations" at levels 6-8 ("This encompasses companies,
# administrative bodies ...") is not part of a descriptor.
# German: the current page of level 1 was read whole. Level 8's page (DQR_LEVEL_8_DE) is stored only to the middle of
# its Selbständigkeit statement, so it is left out; the pages of levels 2-7 are not stored. A template row needs a
# label, so level 1's German row names it as its page does, "Niveau 1"@de; the other levels get no German name (all or
# none, as for the other frameworks: official pages read name only levels 1-3 and 8 so, dqr.de's older overview page
# DQR_LEVELS_DE_OLD being stored only to level 3).
# English: dqr.de's English level pages. Levels 1-5 and 8 were read whole on its older English pages (content_en/233n),
# whose "Knowledge", "Skills" and "Autonomy" headings are not in the stored text: the blocks are, in that order, under
# "Professional competence" and after "Social competence", as on the current English pages (level 7, read whole) and
# as dqr.de's page on the DQR's structure names them. Level 6's English page is stored only to the start of its
# Autonomy statement and its older page is not stored, so level 6 has no descriptor.
DQR_DE_NAME_SOURCES = [DQR_FAQ]  # "Der Deutsche Qualifikationsrahmen (DQR) ist ein Übersetzungsinstrument ..."
DQR_LEVEL_DE = "https://dqr.de/dqr/de/der-dqr/dqr-niveaus/niveau-{n}/niveau-{n}_node.html"
DQR_LEVEL_8_DE = "https://dqr.de/dqr/de/der-dqr/dqr-niveaus/niveau-8/deutscher-qualifikationsrahmen-niveau-8.html?nn=366658"
DQR_LEVELS_DE_OLD = "http://www.dqr.de/content/2315.php"
DQR_LEVEL_EN_OLD = "https://www.dqr.de/content_en/233{n}.php"
DQR_LEVEL_EN = "https://dqr.de/dqr/en/the-dqr/dqr-levels/level-{n}/level-{n}_node.html"
DQR_DOMAINS = ["niveauindikator", "wissen", "fertigkeiten", "sozialkompetenz", "selbstaendigkeit"]
DQR_DESCRIPTOR_SOURCES_DE = {1: [DQR_LEVEL_DE.format(n=1)]}
DQR_DESCRIPTORS_DE: dict[int, dict[str, str]] = {
    1: {"niveauindikator": "Niveau 1 beschreibt Kompetenzen, die zur Erfüllung einfacher Anforderungen in einem "
                           "überschaubar und stabil strukturierten Lern- oder Arbeitsbereich benötigt werden. Die "
                           "Erfüllung der Aufgaben erfolgt unter Anleitung.",
        "wissen": "Über elementares allgemeines Wissen verfügen.\n"
                  "Einen ersten Einblick in einen Lern- oder Arbeitsbereich haben.",
        "fertigkeiten": "Über kognitive und praktische Fertigkeiten verfügen, um einfache Aufgaben nach vorgegebenen "
                        "Regeln auszuführen und deren Ergebnisse zu beurteilen.\n"
                        "Elementare Zusammenhänge herstellen.",
        "sozialkompetenz": "Mit anderen zusammen lernen oder arbeiten, sich mündlich und schriftlich informieren und "
                           "austauschen.",
        "selbstaendigkeit": "Unter Anleitung lernen oder arbeiten.\n"
                            "Das eigene und das Handeln anderer einschätzen und Lernberatung annehmen."},
}
DQR_DESCRIPTOR_SOURCES_EN = {n: [DQR_LEVEL_EN_OLD.format(n=n)] for n in (1, 2, 3, 4, 5, 8)} | {
    7: [DQR_LEVEL_EN.format(n=7)]}
DQR_DESCRIPTORS_EN: dict[int, dict[str, str]] = {
    1: {"niveauindikator": "Level 1 describes the competences required for the fulfilment of simple requirements within "
                           "a clearly and well-structured area of study or work. Fulfilment of tasks takes place under "
                           "supervision.",
        "wissen": "Be in possession of elementary general knowledge.\n"
                  "Have an initial insight into a field of study or work.",
        "fertigkeiten": "Be in possession of cognitive and practical skills required to carry out simple tasks in "
                        "accordance with pre-stipulated rules, and to assess the outcomes of such tasks.\n"
                        "Establish basic connections.",
        "sozialkompetenz": "Learn or work together with others, obtain and exchange information verbally and in "
                           "writing.",
        "selbstaendigkeit": "Learn or work under supervision.\n"
                            "Assess your own actions and the actions of others and accept learning guidance."},
    2: {"niveauindikator": "Level 2 describes the competences required for the professional fulfilment of basic "
                           "requirements within a clearly and well-structured area of learning or work. Fulfilment of "
                           "tasks takes place largely under supervision.",
        "wissen": "Be in possession of basic general knowledge and basic professional knowledge within a field of "
                  "study or work.",
        "fertigkeiten": "Be in possession of basic cognitive and practical skills required to carry out tasks within a "
                        "field of study or work and assess the outcomes of such tasks in accordance with "
                        "pre-stipulated criteria and establish connections.",
        "sozialkompetenz": "Work within in a group.\n"
                           "Accept and offer general feedback and criticism.\n"
                           "Act and respond in both verbal and written communication in a manner appropriate to the "
                           "situation.",
        "selbstaendigkeit": "Learn or work in familiar and stable contexts largely under supervision and in a "
                            "responsible manner.\n"
                            "Assess your own actions and the actions of others.\n"
                            "Use pre-stipulated learning guides and ask for advice on learning."},
    3: {"niveauindikator": "Level 3 describes competences required for the autonomous fulfilment of technical "
                           "requirements within field of study or field of occupational activity which remains clear "
                           "whilst being openly structured in some areas.",
        "wissen": "Be in possession of extended general knowledge or extended professional knowledge within a field of "
                  "study or one field of occupational activity.",
        "fertigkeiten": "Be in possession of a range of cognitive and practical skills for the planning and processing "
                        "of technical tasks within a field of study or field of occupational activity.\n"
                        "Assess outcomes in accordance with largely pre-stipulated criteria, and perform simple "
                        "learning transfers.",
        "sozialkompetenz": "Work within a group and occasionally provide support.\n"
                           "Contribute to the organisation of the learning or working environment, organise processes "
                           "and \u2011 present outcomes to the target group.",
        "selbstaendigkeit": "Learn or work autonomously and responsibly including within contexts which are less "
                            "familiar.\n"
                            "Assess your own actions and the actions of others.\n"
                            "Ask for advice on learning and select various learning aids."},
    4: {"niveauindikator": "Level 4 describes competences required for the autonomous planning and processing of "
                           "technical tasks assigned within a comprehensive field of study or field of occupational "
                           "activity which is subject to change.",
        "wissen": "Be in possession of in-depth general knowledge or professional theoretical knowledge within a field "
                  "of study or one field of occupational activity.",
        "fertigkeiten": "Be in possession of a broad range of cognitive and practical skills which enable tasks to be "
                        "processed and problems to be solved autonomously, and which enable the assessment of work "
                        "outcomes and processes taking into account alternative actions and interactions with related "
                        "areas.\n"
                        "Perform learning transfers.",
        "sozialkompetenz": "Contribute to the organisation of work in a group and the group\u2019s learning or working "
                           "environment \u2011 and provide ongoing support. Justify processes and outcomes.\n"
                           "Communicate facts in a comprehensive manner.",
        "selbstaendigkeit": "Set own learning and working objectives, reflect on and achieve these objects, and take "
                            "responsibility for them."},
    5: {"niveauindikator": "Level 5 describes competences required for the autonomous planning and processing of "
                           "wide-ranging technical tasks within a specialised field of study or field of occupational "
                           "activity which is subject to change.",
        "wissen": "Be in possession of integrated professional knowledge within a field of study or integrated "
                  "professional knowledge in a field of activity. This also includes in-depth, professional "
                  "theoretical knowledge.\n"
                  "Be familiar with the scope and limitations field of study or field of occupational activity.",
        "fertigkeiten": "Be in possession of a very broad range of specialised cognitive and practical skills.\n"
                        "Plan work processes in a comprehensive manner and assess these subjects to the wide-ranging "
                        "consideration of alternative actions and interactions with related areas. Perform extensive "
                        "learning transfers.",
        "sozialkompetenz": "Plan and organise work processes in a cooperative manner, including within heterogeneous "
                           "groups, instruct others and provide detailed learning guidance.\n"
                           "Present complex facts across professional areas in a structured and targeted manner "
                           "\u2011 which is related to the target audience.\n"
                           "Take into account the interests and needs of the target audience in advance.",
        "selbstaendigkeit": "Reflect on and evaluate own learning and working objectives and also such objectives set "
                            "by others, pursue in a self-directed manner and take responsibility for such objectives, "
                            "and adopt appropriate actions for the work processes in the team."},
    7: {"niveauindikator": "Level 7 describes competences for the processing of new, complex tasks and problems and for "
                           "the autonomous management of processes in a technical specialism or in a strategy-oriented "
                           "field of occupational activity. The requirement structure is characterised by frequent and "
                           "unpredictable changes.",
        "wissen": "Be in possession of comprehensive, detailed, specialist and up-to-date knowledge in a technical "
                  "specialism (corresponding to level 2 [Master\u2019s level] of the Qualifications Framework for "
                  "German Higher Education Qualifications) or be in possession of comprehensive occupational "
                  "knowledge in a strategy-oriented field of occupational activity. Be in possession of extended "
                  "knowledge in adjoining areas.",
        "fertigkeiten": "Be in possession of specialised technical or conceptual skills for the solution of strategic "
                        "problems in a technical specialism (corresponding to level 2 [Master\u2019s level] of the "
                        "Qualifications Framework for German Higher Education Qualifications) or in a field of "
                        "occupational activity.\n"
                        "Consider alternatives even where information is incomplete.\n"
                        "Develop and apply new ideas or procedures and assess these taking into account various "
                        "evaluation criteria.",
        "sozialkompetenz": "Assume responsibility for leading groups or organisations in the context of complex tasks "
                           "\u2011 and present the work results of these groups or organisations.\n"
                           "Support the technical development of others in a targeted manner.\n"
                           "Lead both area-specific and cross-area discussion.",
        "selbstaendigkeit": "Define objectives for new application or research-oriented tasks while reflecting on "
                            "potential social, economic and cultural implications, deploy appropriate means and "
                            "autonomously access knowledge required for this purpose."},
    8: {"niveauindikator": "Level 8 describes the competences required for obtaining research findings in a technical "
                           "specialism or for the development of innovative solutions and processes in a field of "
                           "occupational activity. The requirement structure is characterised by new and unclear "
                           "problem situations.",
        "wissen": "Be in possession of comprehensive, specialised, systematic up-to-date knowledge in a research "
                  "discipline and contribute to extending the knowledge within the specialist discipline "
                  "(corresponding to level 3 [Doctorate level] of the Qualifications Framework for German Higher "
                  "Education Qualifications) or be in possession of comprehensive occupational knowledge in a "
                  "strategic and innovation-oriented field of occupational activity.\n"
                  "Be in possession of relevant knowledge at the interfaces to related areas.",
        "fertigkeiten": "Be in possession of comprehensively developed skills relating to the identification and "
                        "solution of new problems in the areas of research, development or innovation within a "
                        "specialised technical specialism (corresponding to level 3 [Doctorate level] of the "
                        "Qualifications Framework for German Higher Education Qualifications) or in a field of "
                        "occupational activity.\n"
                        "Design, implement, manage, reflect on and assess innovative processes including in "
                        "cross-activity areas.\n"
                        "Assess new ideas and procedures.",
        "sozialkompetenz": "Assume responsibility in leading groups or organisations in complex or interdisciplinary "
                           "tasks\u2011 while activating the potential of these groups and organisations.\n"
                           "Encourage the professional development of others in a targeted and sustained manner.\n"
                           "Lead cross-specialism discussions and introduce innovative contributions to specialist "
                           "discussions, including in international contexts.",
        "selbstaendigkeit": "Define objectives for new complex application or research-oriented tasks while reflecting "
                            "on potential social, economic and cultural implications, select appropriate means, and "
                            "develop new ideas and processes."},
}

# The five descriptor domains, declared in templates/dqr-domains.csv (the domains template) with the names dqr.de gives
# them, in German and in English, each with the pages that so name it. German: "Niveauindikator" is how dqr.de's older
# page on the levels (DQR_LEVELS_DE_OLD) names the short text before each level; the four parts are the headings of
# level 1's page and of dqr.de's older page "Wie ist der DQR aufgebaut?". English: "Level indicator" is how the English
# page on the levels names that text; the four parts are the headings of level 7's English page and of the English
# page on the DQR's structure.
DQR_STRUCTURE_DE_OLD = "https://www.dqr.de/content/2314.php"
DQR_LEVELS_EN = "https://dqr.de/dqr/en/the-dqr/dqr-levels/dqr-levels_node.html"
DQR_STRUCTURE_EN = "https://dqr.de/dqr/en/the-dqr/how-is-the-dqr-structured/how-is-the-dqr-structured_node.html"
DQR_PARTS_DE_SOURCES = [DQR_LEVEL_DE.format(n=1), DQR_STRUCTURE_DE_OLD]
DQR_PARTS_EN_SOURCES = [DQR_LEVEL_EN.format(n=7), DQR_STRUCTURE_EN]
DQR_DOMAIN_NAMES: dict[str, list[tuple[str, str, list[str]]]] = {
    # language: (domain, its name in that language, the pages that name it so), in the order of DQR_DOMAINS
    "de": [("niveauindikator", "Niveauindikator", [DQR_LEVELS_DE_OLD]),
           ("wissen", "Wissen", DQR_PARTS_DE_SOURCES),
           ("fertigkeiten", "Fertigkeiten", DQR_PARTS_DE_SOURCES),
           ("sozialkompetenz", "Sozialkompetenz", DQR_PARTS_DE_SOURCES),
           ("selbstaendigkeit", "Selbständigkeit", DQR_PARTS_DE_SOURCES)],
    "en": [("niveauindikator", "Level indicator", [DQR_LEVELS_EN]),
           ("wissen", "Knowledge", DQR_PARTS_EN_SOURCES),
           ("fertigkeiten", "Skills", DQR_PARTS_EN_SOURCES),
           ("sozialkompetenz", "Social competence", DQR_PARTS_EN_SOURCES),
           ("selbstaendigkeit", "Autonomy", DQR_PARTS_EN_SOURCES)],
}


@dataclass
class Row:
    """One level correspondence: source level -> target level (None: the decision is 'no counterpart')."""

    source: str
    target: str | None
    notes: list[str] = field(default_factory=list)
    status: str | None = None  # this row's own status, e.g. draft for a row read from a merged table cell
    sources: list[str] = field(default_factory=list)  # sources of this row only, besides the alignment's row_sources


@dataclass
class Alignment:
    kind: str  # referencing | comparison
    source_fw: str
    target_fw: str
    status: str
    sources: list[str]
    title: str
    rows: list[Row] = field(default_factory=list)
    date: str | None = None  # of the report
    row_date: str | None = None  # of each correspondence (and the IRI's last segment)
    row_status: str | None = None
    row_sources: list[str] = field(default_factory=list)
    row_notes: list[str] = field(default_factory=list)
    decided_by: str | None = None
    description: str | None = None
    notes: list[str] = field(default_factory=list)
    reverse_rows: list[Row] = field(default_factory=list)  # comparisons stated from the target's side
    copies: list[str] = field(default_factory=list)  # copies the report's facts were read from
    row_copies: list[str] = field(default_factory=list)  # copies the rows were read from (prov:wasDerivedFrom)
    row_see_also: list[str] = field(default_factory=list)  # secondary pages that agree (rdfs:seeAlso)


LEAFLET = [LEAFLET_QCF, LEAFLET_QCF_COPY]

def nuffic_table_rows(acronym: str, rows_read: list[tuple[int, int, str]]) -> list[Row]:
    """The decisions read from one of Nuffic's diploma tables (Belgium, Poland, Luxembourg): one per national level the
    table lists, at the EQF level its row gives, the note naming that row's diplomas."""
    return [Row(str(n), str(m), [f"Nuffic's table gives {acronym} level {n} and EQF level {m} for {what}"])
            for n, m, what in rows_read]


EQF_ALIGNMENTS: list[Alignment] = [
    Alignment(
        "referencing", "ie-nfq", "eqf", "accepted", [IE_REPORT_CEDEFOP],
        "Referencing of the Irish NFQ to the EQF (national report, June 2009)", copies=[IE_REPORT, LEAFLET_QCF],
        rows=[Row(str(n), str(m)) for n, m in [(1, 1), (2, 1), (3, 2), (4, 3), (5, 4), (6, 5), (7, 6), (8, 6),
                                               (9, 7), (10, 8)]],
        date="2009-06", row_date="2009-06",
        row_sources=[LEAFLET_WG_2011, NZQA_IE_NZ], row_copies=[*LEAFLET, IE_REPORT], row_see_also=[TOTAL_LAW_NFQ],
        row_notes=["level table from 'Qualifications can cross boundaries' (Table 1), read in copies of the leaflet "
                   "(prov:wasDerivedFrom); Ireland referenced the NFQ to the EQF in 2009 (national report June "
                   "2009)"]),
    Alignment(
        "referencing", "uk-scqf", "eqf", "accepted",
        [SCQF_REREFERENCING_NEWS, SCQF_EUROPEAN_TOOLS, LEAFLET_WG_2011],
        "Referencing of the SCQF to the EQF (2009, published 2010)",
        rows=[Row("1", None, ["SCQF 1-2 have no EQF counterpart in Table 1"]),
              Row("2", None, ["SCQF 1-2 have no EQF counterpart in Table 1"])]
        + [Row(str(n), str(m)) for n, m in [(3, 1), (4, 2), (5, 3), (6, 4), (7, 5), (8, 5), (9, 6), (10, 6),
                                            (11, 7), (12, 8)]],
        copies=[SCQF_REREFERENCING, LEAFLET_QCF, LEAFLET_RQF], date="2009", row_date="2009",
        row_sources=[LEAFLET_WG_2011, SCQF_EUROPEAN_TOOLS, PEARSON_SCQF], row_copies=[*LEAFLET, LEAFLET_RQF],
        row_notes=["level table from 'Qualifications can cross boundaries' (Table 1), read in copies of the leaflet "
                   "(prov:wasDerivedFrom); the later RQF edition shows the same values"],
        description="The SCQF was first referenced to the EQF in 2009; the referencing was published in 2010 as "
                    "part of a report on the referencing of the NQFs of the four UK countries. It was re-referenced "
                    "in a 2019 report, which the EQF Advisory Group formally accepted in December 2018.",
        notes=["the level table of the 2019 re-referencing report was not read; the leaflet editions before and "
               "after it agree with the table recorded here"]),
    Alignment(
        "referencing", "uk-rqf", "eqf", "accepted", [LEAFLET_WG_2011, SCQF_EUROPEAN_TOOLS],
        "Referencing of the RQF (England and Northern Ireland) to the EQF", copies=[LEAFLET_RQF, *LEAFLET],
        rows=[Row("E1", None, ["Entry 1-2 are not in the EQF column of Table 1"]),
              Row("E2", None, ["Entry 1-2 are not in the EQF column of Table 1"])]
        + [Row(n, m) for n, m in [("E3", "1"), ("1", "2"), ("2", "3"), ("3", "4"), ("4", "5"), ("5", "5"),
                                  ("6", "6"), ("7", "7"), ("8", "8")]],
        row_sources=[LEAFLET_WG_2011, SCQF_EUROPEAN_TOOLS], row_copies=[*LEAFLET, LEAFLET_RQF],
        row_notes=["level table from 'Qualifications can cross boundaries' (Table 1), read in copies of the leaflet "
                   "(prov:wasDerivedFrom); the 2010 leaflet labels the England/Northern Ireland column QCF, the RQF "
                   "edition keeps the same values"],
        notes=["the date of the referencing decision has not been sourced"]),
    Alignment(
        "referencing", "uk-cqfw", "eqf", "accepted", [LEAFLET_WG_2011, SCQF_EUROPEAN_TOOLS],
        "Referencing of the CQFW (Wales) to the EQF", copies=[LEAFLET_RQF, *LEAFLET],
        rows=[Row("E1", None, ["Entry 1-2 are not in the EQF column of Table 1"]),
              Row("E2", None, ["Entry 1-2 are not in the EQF column of Table 1"])]
        + [Row(n, m) for n, m in [("E3", "1"), ("1", "2"), ("2", "3"), ("3", "4"), ("4", "5"), ("5", "5"),
                                  ("6", "6"), ("7", "7"), ("8", "8")]],
        row_sources=[LEAFLET_WG_2011, SCQF_EUROPEAN_TOOLS], row_copies=[*LEAFLET, LEAFLET_RQF],
        row_notes=["level table from 'Qualifications can cross boundaries' (Table 1), read in copies of the leaflet "
                   "(prov:wasDerivedFrom)"],
        notes=["the date of the referencing decision has not been sourced"]),
    Alignment(
        "referencing", "fr-cncp", "eqf", "accepted", [INSEE_NIVEAUX, AEF_2019],
        "French national framework of 2019 (Décret n° 2019-14) and the EQF",
        rows=[Row(str(k), str(k)) for k in range(1, 9)],
        date="2019-01-08", row_date="2019-01-08", row_sources=[INSEE_NIVEAUX, AEF_2019],
        row_notes=["Décret n° 2019-14 of 8 Jan 2019 sets out 8 levels 'cohérent avec le CEC' (INSEE); one-to-one "
                   "is implied by the decree's design, not read from a referencing report"]),
    Alignment(
        "referencing", "fr-1969", "eqf", "draft", [INSEE_NIVEAUX, ATHEME],
        "French 1969 nomenclature and the EQF, derived through the 2019 correspondence",
        rows=[Row("V", "3"), Row("IV", "4"), Row("III", "5"), Row("II", "6"), Row("I", "7"), Row("I", "8")],
        row_sources=[INSEE_NIVEAUX, ATHEME],
        row_notes=["derived, not decided: the EQF level follows from the INSEE old-to-new correspondence "
                   "(V->3, IV->4, III->5, II->6, I->7 and 8) and the 2019 framework's coherence with the EQF; "
                   "kept as draft so that only accepted decisions are used by default"],
        description="The old system had no equivalent of EQF levels 1-2 (and none of EQF 8 as a separate level)."),
    # ---- more European frameworks: one decision per level, each stated by an official page ---------------------
    Alignment(
        "referencing", "at-nqr", "eqf", "accepted", [AT_NQR_DESCRIPTORS, AT_NQR_ZUORDNUNGEN, AT_UNIBERICHT_NQR],
        "Austrian EQF Referencing Report (as of December 2011)", copies=[AT_REPORT_COPY], date="2011-12",
        rows=[Row(str(k), str(k)) for k in range(1, 9)],
        row_sources=[AT_NQR_DESCRIPTORS, AT_NQR_ZUORDNUNGEN],
        row_notes=["the NQR register: under the NQR Act the eight NQR levels refer to the eight EQF levels, that is, "
                   "placing a qualification at an NQR level is placing it at the corresponding EQF level ('die "
                   "Zuordnung einer Qualifikation zu einem Qualifikationsniveau des NQR entspricht der Zuordnung zu "
                   "entsprechenden Niveaustufe des EQR')"],
        description="Austria's referencing report to the EQF; the correspondence of the NQR's levels with the EQF's "
                    "is laid down by the NQR Act (BGBl. I Nr. 14/2016, in force since 15 March 2016).",
        notes=["the report was read only in a copy (prov:wasDerivedFrom), whose title page says 'As of December "
               "2011'; its official address was not established, and the date of the EQF Advisory Group's "
               "acceptance was not sourced"]),
    Alignment(
        "referencing", "ee-estqf", "eqf", "accepted", [EE_CEDEFOP_TIMELINE, EE_EURYDICE, EE_KUTSEKODA],
        "Referencing of the Estonian Qualifications Framework to the EQF (2011)", date="2011", row_date="2011",
        rows=[Row(str(k), str(k), sources=[EUROPASS_IE_EE] if k >= 6 else []) for k in range(1, 9)],
        row_sources=[EE_KUTSEKODA, EE_CEDEFOP_TIMELINE],
        row_notes=["the EstQF's level descriptions are identical with the EQF level descriptions (Kutsekoda; "
                   "Cedefop), and EstQF and EQF levels are indicated together on qualifications (Cedefop); Europass's "
                   "comparison table shows EstQF levels 8, 7 and 6 in the rows of EQF levels 8, 7 and 6 (its rows "
                   "for the lower levels were not read)"],
        description="The EstQF was referenced to the EQF in 2011 (Cedefop); the work ran from December 2008 to "
                    "August 2011 (Eurydice). The referencing report was revised and updated in 2016.",
        notes=["the referencing report itself was not read"]),
    Alignment(
        "referencing", "nl-nlqf", "eqf", "accepted", [NUFFIC_NL_FRAMEWORKS, NUFFIC_NL_DIPLOMAS, NLQF_EN],
        "Referencing of the Dutch Qualifications Framework (NLQF) to the EQF (2012)", date="2012", row_date="2012",
        rows=[Row(str(k), str(k)) for k in range(1, 9)],
        row_sources=[NUFFIC_NL_DIPLOMAS, NUFFIC_NL_FRAMEWORKS], row_see_also=[AERTES_NLQF],
        row_notes=["read from Nuffic's table of Dutch diplomas with their NLQF and EQF levels, in which every "
                   "diploma at NLQF level n is at EQF level n (the vwo diploma at NLQF '4+' is at EQF 4)"],
        description="The NLQF has been officially linked to the EQF since 2012 (Nuffic).",
        notes=["the NLQF's entry level is not recorded: no source read places it against the EQF",
               "the referencing report itself was not read"]),
    Alignment(
        "referencing", "pt-qnq", "eqf", "accepted", [PT_DGES, PT_CEDEFOP],
        "Portuguese National Qualifications Framework (QNQ) and the EQF",
        rows=[Row(str(k), str(k)) for k in range(1, 9)],
        row_sources=[PT_DGES],
        row_notes=["the DGES: 'The NQF adopts the qualification levels and respective descriptors of the European "
                   "Qualifications Framework (EQF)', so QNQ level n is EQF level n; read from that statement, not "
                   "from a referencing report's table"],
        description="The QNQ, in force since 1 October 2010, adopts the EQF's qualification levels and descriptors "
                    "(DGES); ANQEP is the national coordination point for the EQF.",
        notes=["the referencing report and the date of the referencing were not read"]),
    Alignment(
        "referencing", "se-seqf", "eqf", "accepted", [SE_MYH, SE_EURYDICE],
        "Referencing of the Swedish Qualifications Framework (SeQF) to the EQF (2016)", date="2016",
        row_date="2016", rows=[Row(str(k), str(k)) for k in range(1, 9)],
        row_sources=[SE_EURYDICE, SE_MYH],
        row_notes=["Eurydice: 'The Swedish Qualifications Framework (SeQF) has eight qualification levels, "
                   "corresponding to the qualification levels of the European Qualifications Framework for Lifelong "
                   "Learning (EQF)'; the SeQF was referenced to the EQF in 2016 (MYH)"],
        notes=["the referencing report itself was not read"]),
    Alignment(
        "referencing", "cy-cyqf", "eqf", "accepted", [CY_CEDEFOP, CY_DIAGRAM_EN],
        "Referencing of the Cyprus Qualifications Framework (CyQF) to the EQF (2017)", date="2017",
        rows=[Row(n, m, [f"the diagram gives EQF {m} once, in the row of {n[0]}c; the rows of {n[0]}b and {n[0]}a "
                         f"below it have no EQF cell of their own (one cell spanning the three sub-levels of level "
                         f"{n[0]})"] if len(n) > 1 else [])
              for n, m in CY_LEVELS],
        row_sources=[CY_DIAGRAM_EL, CY_DIAGRAM_EN],
        row_notes=["read from the CyQF's diagram (cyqf.gov.cy), whose 'EQF LEVELS' column gives the EQF level of "
                   "each CyQF level; the CyQF was developed 'based on the eight levels of the European Qualifications "
                   "Framework in order to ensure the smooth referencing of the NQF to the EQF'"],
        description="The Council of Ministers approved the CyQF, based on the EQF's eight levels, in 2012; work on its "
                    "design was finalised in 2017 'along with its referencing to the EQF' (Cedefop).",
        notes=["the referencing report itself was not read; its date is the year Cedefop gives for the referencing"]),
    Alignment(
        "referencing", "lt-ltqf", "eqf", "accepted", [LT_CEDEFOP_NEWS, LT_SMSM],
        "Referencing the Lithuanian Qualifications Framework to the EQF and the QF-EHEA (2012; updated 2024)",
        date="2012", rows=[Row(str(k), str(k)) for k in range(1, 9)],
        row_sources=[LT_SMSM],
        row_notes=["the Ministry of Education, Science and Sport: 'Lietuvos kvalifikacijų sandara atitinka 2008 m. "
                   "balandžio 23 d. Europos Parlamento ir Tarybos rekomendaciją dėl Europos mokymosi visą gyvenimą "
                   "kvalifikacijų sąrangos kūrimo (2008/C111/01) ir joje nustatytus 8 kvalifikacijų sąrangos lygius' "
                   "(the LTQF corresponds to the 2008 Recommendation and the eight levels it sets out), and its table "
                   "of LTQF levels has a column 'Europos kvalifikacijų sandaros lygis' (EQF level); LTQF level n is "
                   "EQF level n"],
        description="Lithuania's first referencing report was published in 2012; an updated report was presented to "
                    "the EQF Advisory Group in March 2024 and published on Europass in August 2024 (Cedefop).",
        notes=["neither report was read; the ministry's table was read only as far as its heading and the start of its first row (LTQF 8), not its EQF cells"]),
    Alignment(
        "referencing", "ch-nqf-vpq", "eqf", "accepted", [CH_SERI_EQF, CH_CEDEFOP_2024],
        "Swiss EQF Referencing Report (2015)", date="2015",
        row_date="2015", rows=[Row(str(k), str(k)) for k in range(1, 9)],
        row_sources=[CH_SERI_EQF, CH_SERI_FAQ],
        row_notes=["SERI: 'Switzerland successfully completed the process of referencing its NQF VPQ to the EQF when "
                   "it presented its EQF Referencing Report in 2015. The eight levels of the NQF VPQ are perfectly "
                   "aligned with all eight levels of the EQF. Therefore, the NQF VPQ reference level indicated in "
                   "each certificate supplement ... and diploma supplement ... matches the corresponding level in "
                   "the EQF'; so NQF VPQ level n is EQF level n"],
        description="Switzerland presented its EQF referencing report in 2015 (SERI).",
        notes=["the report itself was not read (its official address was not established); its date is the year "
               "SERI gives"]),
    Alignment(
        "referencing", "is-isqf", "eqf", "draft", [IS_ENIC_ISQF, IS_CEDEFOP],
        "Referencing the Icelandic National Qualifications Framework to the EQF (Ministry of Education, Science and "
        "Culture, 2013; published 2014)", date="2013-05", copies=[IS_REPORT_2013_COPY, IS_REPORT_COPY],
        rows=[Row(n, m) for n, m in IS_LEVELS if m],
        row_sources=[IS_ENIC_ISQF],
        row_notes=["read from ENIC/NARIC Iceland's table of ISQF levels, whose column 'European Qualification "
                   "Framework (EQF)' gives the EQF level of each ISQF level"],
        description="The Ministry of Education, Science and Culture's referencing report (National Coordination "
                    "Point, May 2013; published in March 2014), read only in copies of its title pages.",
        notes=["only ISQF 7, 6.2, 6.1, 5.2 and 5.1 have a decision: the EQF cells of ISQF 1-4 were not read, so those "
               "levels are not linked to the EQF (Cedefop's remark that the Compulsory School Act's ISQF level 1 "
               "'covers EQF level 2' is not a level table and is not used)",
               "draft, not accepted: no page read says when, or whether, the EQF Advisory Group accepted Iceland's "
               "referencing, so derivation does not use these decisions by default",
               "the report was read only in copies (prov:wasDerivedFrom); its official address was not established"]),
    Alignment(
        "referencing", "gr-hqf", "eqf", "accepted", [GR_CEDEFOP_NEWS, GR_NQF_EQF],
        "Greece EQF Referencing Report (approved by the EQF Advisory Group in December 2015)", date="2015-12",
        row_date="2015-12", copies=[GR_REPORT_COPY],
        rows=[Row(str(k), str(k)) for k in range(1, 9)],
        row_sources=[GR_NQF_LEVELS],
        row_notes=["read from the table of the eight HQF levels on nqf.gov.gr, whose one level column is headed 'LEVELS "
                   "OF HELLENIC & EUROPEAN QUALIFICATIONS FRAMEWORK' and numbered 1 to 8: the row numbered n is HQF "
                   "level n and EQF level n"],
        description="The Greek referencing report, prepared by EOPPEP under the Ministry of Education, was approved by "
                    "the EQF Advisory Group in December 2015 (Cedefop). EOPPEP concludes that the HQF and the EQF share "
                    "core design criteria, so that 'a direct comparison of the levels in the two frameworks is "
                    "feasible' (nqf.gov.gr).",
        notes=["the report was read only in a copy of its title page and contents (prov:wasDerivedFrom; November 2016 "
               "edition, which says it is on the Europa server under ec.europa.eu/ploteus/sites/eac-eqf/files/); its "
               "table was not read, and its exact official address was not established",
               "the qualification columns of nqf.gov.gr's English table appear to swap levels 1 and 2 (see gr-hqf); "
               "the level numbers themselves, read here, are not affected"]),
    Alignment(
        "referencing", "si-sqf", "eqf", "draft", [SI_NOK_SOK, SI_CEDEFOP],
        "Referencing the Slovenian Qualifications Framework to the EQF and the QF-EHEA (CPI; 2nd edition, October "
        "2014)", copies=[SI_REPORT_COPY, SI_REPORT_COPY_2],
        rows=[Row(str(n), str(m), sources=[SI_NOK_EN] if n <= 2 else []) for n, m in SI_ROWS_READ],
        row_sources=[SI_NOK_SOK],
        row_notes=["read from the table on nok.si ('O Slovenskem ogrodju kvalifikacij (SOK)'), whose columns 'SOK "
                   "raven' and 'EOK raven' give each row's SQF and EQF level: 1/1, 2/2, 3/3, 4/4, 5/4, 6/5 (the rows "
                   "read); nok.si's English page heads its first two levels 'SQF level 1 / EQF level 1' and 'SQF level "
                   "2 / EQF level 2'"],
        description="Slovenia's referencing report, published by CPI (the national coordination point); a copy's title "
                    "page says the report was approved on 30 September 2014 by the interdepartmental working group for "
                    "the national qualifications framework (2nd edition, Ljubljana, October 2014).",
        notes=["only SQF levels 1-6 have a decision: the rows of SQF 7-10 in nok.si's table were not read, so those "
               "levels are not linked to the EQF (never inferred from the number of levels)",
               "nok.si notes that the Magisterij znanosti/umetnosti, at SQF level 9, was placed at EQF level 8 in the "
               "referencing; that is one qualification's placing, not a level row, and is not recorded as a decision",
               "draft, not accepted: no page read says when the EQF Advisory Group accepted Slovenia's referencing, so "
               "derivation does not use these decisions by default",
               "the report was read only in copies of its title pages (prov:wasDerivedFrom); its official address was "
               "not established"]),
    Alignment(
        "referencing", "it-qnq", "eqf", "accepted", [IT_GU_QNQ_ART3, IT_CEDEFOP, IT_INAPP_NCP],
        "Italian referencing of qualifications to the EQF (first report 2012; updated report adopted by decree in 2023)",
        row_date="2018-01-08", rows=[Row(str(k), str(k)) for k in range(1, 9)],
        row_sources=[IT_GU_QNQ_ART3],
        row_notes=["the decree of 8 January 2018 establishing the QNQ, Art. 3(2): 'ciascuno degli otto livelli del QNQ "
                   "trova corrispondenza nel livello omologo del Quadro europeo delle qualifiche' (each of the eight QNQ "
                   "levels corresponds to the homologous level of the EQF), so QNQ level n is EQF level n; attestations "
                   "state the referencing as 'Livello EQF'"],
        description="Italy's first referencing report (2012) referenced national qualifications directly to the EQF's "
                    "eight levels; the QNQ was established in 2018, and the updated referencing report, which references "
                    "qualifications to the QNQ and the EQF, was adopted by an inter-ministerial decree in 2023 (Cedefop; "
                    "INAPP).",
        notes=["the decisions rest on the decree, a legal act of the Ministry of Labour and Social Policies and the "
               "Ministry of Education, University and Research; the updated referencing report itself was not read, nor "
               "a page saying when the EQF Advisory Group considered it"]),
    Alignment(
        "referencing", "li-nqfl", "eqf", "draft", [LI_NQFL_LEVELS, LI_CEDEFOP],
        "Referencing report for the Principality of Liechtenstein (NQFL)", copies=[LI_REPORT_COPY],
        rows=[Row(str(k), str(k)) for k in range(1, 9)],
        row_sources=[LI_NQFL_LEVELS],
        row_notes=["nqfl.li: 'The NQFL is a grid consisting of eight levels ... The levels of the Qualifications "
                   "Framework correspond with those of the EQF', so NQFL level n is EQF level n"],
        description="Liechtenstein's referencing report for the NQFL, read only in a copy of its table of contents.",
        notes=["draft, not accepted: no page read says when, or whether, the EQF Advisory Group accepted "
               "Liechtenstein's referencing, so derivation does not use these decisions by default",
               "the report was read only in a copy (prov:wasDerivedFrom); its official address and date were not "
               "established"]),
    Alignment(
        "referencing", "dk-dkqf", "eqf", "draft", [DK_UFM_EQF_DA, DK_CEDEFOP],
        "Referencing the Danish Qualifications Framework for Lifelong Learning to the European Qualifications "
        "Framework (The Danish Evaluation Institute, 2011)", date="2011-06", copies=[DK_REPORT_COPY],
        rows=[Row(str(n), str(m), [dk_statement(n, m)], sources=DK_LEVEL_SOURCES[n]) for n, m in DK_LEVELS],
        row_notes=["read from the Ministry of Higher Education and Science's pages on the Danish Qualifications "
                   "Framework for Lifelong Learning, one statement per level; levels 1 and 2 are both at EQF level 2"],
        description="The referencing process for the Danish qualifications framework was completed in June 2011: a "
                    "committee of the ministries concerned, stakeholders and international experts analysed the "
                    "framework's levels and referenced them to the EQF's ('Referenceprocessen for den danske "
                    "kvalifikationsramme blev afsluttet i juni 2011', ufm.dk).",
        notes=["draft, not accepted: no page read says when, or whether, the EQF Advisory Group accepted Denmark's "
               "referencing, so derivation does not use these decisions by default",
               "the report was read only in a copy of its title page and contents (prov:wasDerivedFrom; the Danish "
               "Evaluation Institute, 2011); its table was not read, and its official address was not established"]),
    Alignment(
        "referencing", "fi-finqf", "eqf", "draft", [FI_FINLEX_ANNEX, FI_OPH, FI_CEDEFOP],
        "Report on the referencing of the Finnish National Qualifications Framework to the European Qualifications "
        "Framework and the Framework for Qualifications of the European Higher Education Area (OPH and the Ministry "
        "of Education and Culture, 2018)", date="2018", copies=[FI_REPORT_COPY],
        rows=[Row(str(k), str(k)) for k in range(1, 9)],
        row_sources=[FI_FINLEX_ANNEX],
        row_notes=["the annex of the Government Decree on the National Framework for Qualifications and Other "
                   "Competence Modules (120/2017, as amended by 425/2022) heads its one level column 'Kansallinen "
                   "vaativuustaso / eurooppalaisen tutkintojen viitekehyksen taso' (national level / level of the "
                   "European qualifications framework), so the row 'Taso n' is FiNQF level n and EQF level n; the "
                   "stored text of the annex was read as far as the rows 'Taso 1' and 'Taso 2', the heading covers the "
                   "whole column"],
        description="Finland's referencing report, prepared by the Finnish National Agency for Education (the national "
                    "coordination point) and the Ministry of Education and Culture and published in 2018, read only in "
                    "a copy of its title pages.",
        notes=["draft, not accepted: no page read says when, or whether, the EQF Advisory Group accepted Finland's "
               "referencing, so derivation does not use these decisions by default",
               "the decisions rest on the decree's annex, a legal act; the report's own level table was not read, and "
               "its official address was not established"]),
    Alignment(
        "referencing", "be-vks", "eqf", "draft", [BE_FL_CEDEFOP, BE_VKS_EUROPA],
        "Referencing of the Flemish Qualifications Framework to the EQF (June 2011; updated report March 2014)",
        date="2011-06",
        rows=nuffic_table_rows("VKS", BE_VKS_ROWS_READ),
        row_sources=[BE_FL_NUFFIC_DIPLOMAS, BE_FL_NUFFIC_DIPLOMAS_EN],
        row_notes=["read from Nuffic's table of Flemish diplomas, whose columns 'VKS-niveau' and 'EQF-niveau' ('FQF "
                   "level' and 'EQF level' on its English page) give both levels of each diploma; the table lists "
                   "diplomas at VKS 4, 5, 6 and 7 only, each at the EQF level of the same number"],
        description="The Flemish qualifications framework was referenced to the EQF in June 2011, and an updated report "
                    "was submitted in March 2014 (Cedefop); the Flemish government's VKS site says the VKS is aligned "
                    "with the EQF ('Ook de VKS is afgestemd op het EQF') and links the linking report.",
        notes=["only VKS levels 4-7 have a decision: no diploma of VKS 1-3 or 8 is in Nuffic's table, and no other "
               "official page read states those levels' EQF level (never inferred from the number of levels)",
               "draft, not accepted: no page read says when, or whether, the EQF Advisory Group accepted the Flemish "
               "referencing, so derivation does not use these decisions by default",
               "the referencing report itself was not read"]),
    Alignment(
        "referencing", "be-cfc", "eqf", "draft", [BE_FR_CEDEFOP],
        "Referencing of the Francophone Qualifications Framework (CFC) to the EQF (December 2013)", date="2013-12",
        rows=nuffic_table_rows("CFC", BE_CFC_ROWS_READ),
        row_sources=[BE_FR_NUFFIC_DIPLOMAS],
        row_notes=["read from Nuffic's table of diplomas of the French-speaking part of Belgium, whose columns "
                   "'CFC-niveau' and 'EQF-niveau' give both levels of each diploma ('CFC = Cadre francophone des "
                   "certifications'); the table lists diplomas at CFC 4, 6 and 7 only, each at the EQF level of the "
                   "same number"],
        description="The CFC, an eight-level framework consistent with the descriptors of the EQF, was referenced to the "
                    "EQF in December 2013; an updated referencing report was expected in 2022-23 (Cedefop).",
        notes=["only CFC levels 4, 6 and 7 have a decision: no diploma of CFC 1-3, 5 or 8 is in Nuffic's table, and no "
               "other official page read states those levels' EQF level (never inferred from the number of levels)",
               "draft, not accepted: no page read says when, or whether, the EQF Advisory Group accepted the "
               "referencing of the CFC, so derivation does not use these decisions by default",
               "the referencing report itself was not read"]),
    Alignment(
        "referencing", "pl-prk", "eqf", "draft", [PL_PRK_MEN, PL_NUFFIC_FRAMEWORK],
        "Referencing of the Polish Qualifications Framework (PRK) to the EQF",
        rows=nuffic_table_rows("PRK", PL_PRK_ROWS_READ),
        row_sources=[PL_NUFFIC_DIPLOMAS, PL_NUFFIC_DIPLOMAS_NL],
        row_notes=["read from Nuffic's table of the level of Polish diplomas, whose columns 'PRK' and 'EQF' give both "
                   "levels of each diploma (Roman numerals: the PRK level of a full qualification); the table lists "
                   "diplomas at PRK III-VII only, each at the EQF level of the same number"],
        description="The PRK 'allows Polish qualifications to be referred to the levels of the European Qualifications "
                    "Framework' (prk.men.gov.pl: 'Polska Rama Kwalifikacji pozwala na odniesienie polskich kwalifikacji "
                    "do poziomów Europejskiej Ramy Kwalifikacji').",
        notes=["only PRK levels 3-7 have a decision: no diploma of PRK 1, 2 or 8 is in Nuffic's table, and no other "
               "official page read states those levels' EQF level (never inferred from the number of levels)",
               "draft, not accepted: no page read says when, or whether, the EQF Advisory Group accepted the "
               "referencing of the PRK, so derivation does not use these decisions by default",
               "the referencing report itself was not read"]),
    Alignment(
        "referencing", "lu-clq", "eqf", "accepted", [LU_LLL_CLQ],
        "Referencing of the Luxembourg Qualifications Framework (CLQ) to the EQF (2012)", date="2012",
        row_date="2012", row_status="draft",
        rows=nuffic_table_rows("CLQ", LU_CLQ_ROWS_READ),
        row_sources=[LU_NUFFIC, LU_LLL_CLQ],
        row_notes=["read from Nuffic's table of Luxembourg diplomas, whose columns 'CLQ' and 'EQF' give both levels of "
                   "each diploma; the table lists diplomas at CLQ 2-7 only, each at the EQF level of the same number; "
                   "the referencing was accepted by the EQF Advisory Group (lifelong-learning.lu)"],
        description="The Ministry of Education, Children and Youth and the Ministry of Higher Education and Research "
                    "presented the referencing report to the EQF Advisory Group in 2012, which accepted it "
                    "(lifelong-learning.lu).",
        notes=["only CLQ levels 2-7 have a decision: no diploma of CLQ 1 or 8 is in Nuffic's table, and no other "
               "official page read states those levels' EQF level (never inferred from the number of levels)",
               "the report is accepted (the EQF Advisory Group accepted it, lifelong-learning.lu), but its six "
               "decisions are drafts: accepted decisions for some levels only would say that CLQ 1 and 8 have no "
               "counterpart (the shapes ask an accepted referencing to decide every level), and their EQF level was "
               "not read, so derivation does not use these decisions by default",
               "the referencing report itself was not read; the year of acceptance is the portal's (2012), not a "
               "meeting's date"]),
]

FR_1969_TO_2019 = Alignment(
    "comparison", "fr-1969", "fr-cncp", "accepted", [INSEE_NIVEAUX, ATHEME],
    "Correspondence of the 1969 nomenclature with the 2019 framework",
    rows=[Row("V", "3"), Row("IV", "4"), Row("III", "5"), Row("II", "6"), Row("I", "7"), Row("I", "8")],
    row_sources=[INSEE_NIVEAUX, ATHEME],
    row_notes=["INSEE gives the old-to-new correspondence V->3, IV->4, III->5, II->6, I->7 and 8"],
    description="Décret n° 2019-14 of 8 January 2019 replaced the five-level nomenclature of 1969 with an eight-"
                "level framework; old level I corresponds to both new levels 7 and 8.")

NZ_EQF = Alignment(
    "comparison", "nz-nzqcf", "eqf", "accepted", [NZQA_EU, NZQA_IE_NZ],
    "Comparative analysis of the NZQF and the EQF: joint technical report (2016)", copies=[NZ_EQF_REPORT],
    rows=[Row(str(n), str(m)) for n, m in [(1, 2), (2, 3), (3, 4), (4, 4), (5, 5), (6, 5), (7, 6)]]
    + [Row("8", None, ["'It was agreed that NZQF level 8 would remain unlevelled to the EQF' (NZQA)"])]
    + [Row("9", "7"), Row("10", "8")],
    reverse_rows=[Row("1", None, ["'There is no NZQF level that compares to EQF level 1' (NZQA)"])],
    date="2016", row_date="2016", row_sources=[NZQA_IE_NZ, NZQA_EU],
    row_notes=["joint EU-NZQA comparison (not a formal EQF referencing)"],
    description="Joint technical report of New Zealand and the EU, 2016 (ISBN 978-92-79-63854-1, "
                "doi:10.2767/211812); a bilateral comparison, not a formal EQF referencing.")

AU_NZ = Alignment(
    "comparison", "au-aqf", "nz-nzqcf", "accepted", [NZQA_AU_NZ, NZQA_AU_NZ_2015],
    "Enhancing Mobility: Referencing of the Australian and New Zealand Qualifications Frameworks",
    rows=[Row(str(k), str(k)) for k in range(1, 11)], date="2015", copies=[AU_NZ_REPORT_COPY],
    row_sources=[NZQA_AU_NZ, NZQA_AU_NZ_2015],
    description="A joint project of the Australian Government Department of Education and Training and NZQA found "
                "the levels of the AQF and the NZQF broadly comparable, level 1 to level 10. The Prime Ministers of "
                "both countries welcomed the work in their joint statement of 7 February 2014.",
    notes=["Australia does not include Senior Secondary Certificate of Education qualifications as a level in the "
           "AQF; New Zealand includes NCEA qualifications on the NZQCF (NZQA)"],
    row_notes=["'broadly comparable' (NZQA)"])

IE_NZ = Alignment(
    "comparison", "ie-nfq", "nz-nzqcf", "accepted", [NZQA_IE_NZ, NZQA_IE_NZ_2019, QQI_IE_NZ_GUIDE],
    "Comparing Qualifications in Ireland and New Zealand: A Guide",
    rows=[Row("1", None, ["NZQCF column: 'Unlevelled' (NZQA)"]), Row("2", None, ["NZQCF column: 'Unlevelled' (NZQA)"]),
          Row("3", "1"), Row("4", "2"), Row("5", "3"), Row("5", "4"),
          Row("6", "5", ["in NZQA's table NFQ 6 spans NZQCF 5 and the NZQCF 6 row below it, whose NFQ cell is empty; "
                         "NFQ 6 -> NZQCF 6 is recorded as draft"]),
          Row("6", "6", ["unconfirmed: NZQA's table leaves this row's NFQ cell empty (merged with the NFQ 6 row "
                         "above), so it is kept as draft"], status="draft"),
          Row("7", "7"), Row("9", "9"), Row("10", "10")],
    reverse_rows=[Row("8", None, ["NFQ column: 'Unlevelled' (NZQA)"])],
    row_sources=[NZQA_IE_NZ, NZQA_IE_NZ_2019],
    description="The levels of the NZQF and the Irish NFQ as agreed between NZQA and QQI: a working group (2017-2019) "
                "extended the 2010 arrangement on higher education qualifications to all levels of both frameworks, "
                "using both frameworks' links to the EQF.",
    notes=["the rows NZQA's table states cell by cell are accepted; NFQ 6 -> NZQCF 6, read from an empty (merged) "
           "cell, is draft; NFQ 8 has no NZQCF cell and is left out",
           "the date of the guide has not been read, so the comparison is undated"],
    row_notes=["from the level table on NZQA's Ireland-NZ page"])

NZ_HK = Alignment(
    "comparison", "nz-nzqcf", "hk-hkqf", "accepted", [NZQA_HK_NZ, NZQA_HK_NZ_2018, NZ_MOE_HK_2018],
    "Referencing Report of the Hong Kong Qualifications Framework and the New Zealand Qualifications Framework",
    rows=[Row("10", "7"), Row("9", "6"),
          Row("8", None, ["'No agreement on a comparable level' (NZQA); to be revisited after NZQA's review of "
                          "the NZQF"]),
          Row("7", "5"),
          Row("6", "4", ["in NZQA's table HKQF 4 spans NZQCF 6 and the NZQCF 5 row below it, whose HKQF cell is "
                         "empty; NZQCF 5 -> HKQF 4 is recorded as draft"]),
          Row("5", "4", ["unconfirmed: NZQA's table leaves this row's HKQF cell empty (merged with the NZQCF 6 row "
                         "above), so it is kept as draft"], status="draft"),
          Row("4", "3", ["in NZQA's table HKQF 3 spans NZQCF 4 and the NZQCF 3 row below it, whose HKQF cell is "
                         "empty; NZQCF 3 -> HKQF 3 is recorded as draft"]),
          Row("3", "3", ["unconfirmed: NZQA's table leaves this row's HKQF cell empty (merged with the NZQCF 4 row "
                         "above), so it is kept as draft"], status="draft"),
          Row("2", "2"), Row("1", "1")],
    date="2018-08", copies=[HK_NZ_REPORT_COPY], row_sources=[NZQA_HK_NZ, NZQA_HK_NZ_2018],
    description="A joint project of NZQA and the Hong Kong Education Bureau under the Education Cooperation "
                "Arrangement of the New Zealand - Hong Kong, China Closer Economic Partnership; the report (August "
                "2018) was released at the HKQF conference on 17 September 2018.",
    notes=["NZQCF 5 -> HKQF 4 and NZQCF 3 -> HKQF 3 are draft: their HKQF cells are empty on NZQA's page (merged "
           "with the row above); NZQA's 2018 page says every NZQF level except 8 matches an HKQF level"])

UAE_NZ = Alignment(
    "comparison", "ae-nqf", "nz-nzqcf", "notEndorsed", [NZQA_UAE_NZ],
    "Initial mapping of the UAE NQF and the NZQCF (not endorsed)",
    rows=[Row(str(k), str(k)) for k in range(1, 11)],
    description="NZQA and the United Arab Emirates National Qualification Authority completed an initial mapping "
                "exercise comparing the number of levels, level descriptors, domains and learning outcomes of the two "
                "frameworks. It did not conclude that individual qualifications or the quality assurance systems are "
                "comparable.",
    notes=["not endorsed: stakeholders and international experts did not endorse the results, so the comparison "
           "cannot be used for qualification recognition (NZQA)"],
    row_notes=["from an initial mapping that was not endorsed; never usable for recognition"])

AQF_EQF = Alignment(
    "comparison", "au-aqf", "eqf", "accepted", [AQF_EQF_NEWS],
    "Comparative Analysis of the AQF and the EQF: Joint Technical Report (2016)", copies=[AQF_EQF_REPORT],
    date="2016",
    description="ISBN 978-1-76028-955-3; EU ISBN 978-92-79-63855-8; doi:10.2767/899976. Appendix 1 holds the "
                "technical comparison of the AQF and EQF levels.",
    notes=["no level-to-level table has been sourced (Appendix 1 was not readable); levels are not linked"])

AQRF_REPORTS: list[Alignment] = [
    Alignment(
        "referencing", "ph-pqf", "aqrf", "accepted",
        [TESDA_2019, AANZFTA_REPORTS_2019, PQF_PH_HOME, AANZFTA_REVIEW_2018, DOLE_2020, TH_MOE_AQRF_2019],
        "AQRF Referencing Report of the Philippines", date="2019-05-22", decided_by="aqrf-committee",
        copies=[PH_REPORT],
        description="Accepted as aligned to the 11 AQRF referencing criteria and endorsed by the AQRF Committee to "
                    "the ASEAN Ministers, by vote on 22 May 2019 at the 6th AQRF Committee meeting (Luang Prabang, "
                    "21-23 May 2019); the report is dated 22 May 2019. Drafting began in May 2017; the first draft "
                    "was formally reviewed at the 5th meeting (Bandar Seri Begawan, 27 Nov 2018). At the 8th meeting "
                    "(virtual, 24 Aug 2020) the Philippines reported on Criterion 11 (AQRF levels on certificates "
                    "and diplomas).",
        notes=[NO_AQRF_TABLE]),
    Alignment(
        "referencing", "my-mqf", "aqrf", "accepted", [MQA_AQRF_HTTPS, AANZFTA_REPORTS_2019, TH_MOE_AQRF_2019],
        "AQRF Referencing Report of Malaysia", date="2019-05", decided_by="aqrf-committee", copies=[MY_REPORT],
        description="Unanimously accepted and formally endorsed at the 6th AQRF Committee meeting (Luang Prabang, "
                    "21-23 May 2019), verdict 'sufficient and clear GOOD FIT'; Malaysian Cabinet endorsement "
                    "26 June 2019; final report sent to the ASEAN Secretariat on 17 July 2019. The final consolidated "
                    "draft is dated 1 Oct 2018.",
        notes=[NO_AQRF_TABLE]),
    Alignment(
        "referencing", "id-kkni", "aqrf", "accepted", [ID_REPORT_ENDORSED, ID_REPORT_V02, ID_ANTARA_2019],
        "AQRF Referencing Report of Indonesia", date="2020-06",
        description="Version 02 was submitted on 17 Aug 2019; a version titled 'ENDORSED' is dated June 2020. At the "
                    "7th AQRF Committee meeting (Yogyakarta, 28-30 Oct 2019) two KKNI levels were said to be "
                    "'adjusted' to one AQRF level, and whether KKNI 9 equals AQRF 8 was 'under discussion' - a "
                    "proposal under review then, not a decision.",
        notes=["evidence of acceptance: a report document titled 'ENDORSED', dated June 2020; the endorsing "
               "meeting and its date have not been sourced",
               "the report was read only in copies (scribd.com); its official address was not established",
               NO_AQRF_TABLE]),
    Alignment(
        "referencing", "vn-vqf", "aqrf", "draft", [VN_AQRF_2025, VN_LAODONG_2025],
        "AQRF Referencing Report of Viet Nam", date="2025-10-24", decided_by="aqrf-committee",
        description="Reported adopted unanimously on 24 Oct 2025 at the 15th AQRF Committee session.",
        notes=["unconfirmed: the adoption is known only from the press (vietnam.vn, laodong.vn), so the report is "
               "recorded as a draft until an official page states it", NO_AQRF_TABLE]),
    Alignment(
        "referencing", "th-nqf", "aqrf", "draft", [AANZFTA_REVIEW_2018, TH_ONEC_AQRF_2017],
        "AQRF Referencing Report of Thailand", copies=[TH_REPORT],
        description="Thailand piloted the referencing of its NQF to the AQRF from 2015 to 2019; its first draft "
                    "report was formally reviewed at the 5th AQRF Committee meeting (Bandar Seri Begawan, "
                    "27 Nov 2018).",
        notes=["unconfirmed: the endorsement of the report and its date", NO_AQRF_TABLE]),
]

# --------------------------------------------------------------------------------------------
# Building graphs
# --------------------------------------------------------------------------------------------

KIND_CLASS = {"national": QG.NationalFramework, "reference": QG.ReferenceFramework}


def date_literal(text: str) -> Literal:
    """xsd:gYear, xsd:gYearMonth or xsd:date, by the precision the source gives."""
    if re.fullmatch(r"\d{4}", text):
        return Literal(text, datatype=XSD.gYear)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return Literal(text, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return Literal(text, datatype=XSD.date)
    raise ValueError(f"not a date: {text!r}")


class Doc:
    """A graph plus the order in which its subjects should be written."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.subjects: list[URIRef] = []
        self.order: dict[tuple, int] = {}  # objects are written in the order they were added

    def add(self, s: URIRef, p: URIRef, o) -> None:
        if s not in self.subjects:
            self.subjects.append(s)
        self.order.setdefault((s, p, o), len(self.order))
        self.graph.add((s, p, o))

    def sources(self, s: URIRef, urls: list[str]) -> None:
        for url in dict.fromkeys(urls):
            self.add(s, DCTERMS.source, URIRef(url))

    def copies(self, s: URIRef, urls: list[str]) -> None:
        """The copies a fact was read from, when the official document could not be read itself."""
        for url in dict.fromkeys(urls):
            self.add(s, PROV.wasDerivedFrom, URIRef(url))

    def see_also(self, s: URIRef, urls: list[str]) -> None:
        """Secondary pages that state the same fact; never its source."""
        for url in dict.fromkeys(urls):
            self.add(s, RDFS.seeAlso, URIRef(url))


def add_org(doc: Doc, org: Org) -> URIRef:
    o = ids.organisation_iri(org.slug)
    doc.add(o, RDF.type, ORG.Organization)
    for text, lang in org.labels:
        doc.add(o, SKOS.prefLabel, Literal(text, lang=lang))
    for alt in org.alt:
        doc.add(o, SKOS.altLabel, Literal(alt))
    if org.jurisdiction:
        doc.add(o, QG.jurisdiction, Literal(org.jurisdiction))
    for role in org.roles:
        doc.add(o, ORG.classification, QGR[role])
    if org.homepage:
        doc.add(o, FOAF.homepage, URIRef(org.homepage))
    for note in org.notes:
        doc.add(o, SKOS.note, Literal(note, lang="en"))
    doc.sources(o, org.sources)
    doc.copies(o, org.copies)
    return o


def framework_doc(fw: Fw) -> Doc:
    doc = Doc()
    f = ids.framework_iri(fw.slug)
    for cls in (KIND_CLASS[fw.kind], QG.QualificationsFramework, SKOS.ConceptScheme):
        doc.add(f, RDF.type, cls)
    doc.add(f, DCTERMS.identifier, Literal(fw.slug))
    for text, lang in fw.titles:
        doc.add(f, SKOS.prefLabel, Literal(text, lang=lang))
    for acronym in fw.acronyms:
        doc.add(f, SKOS.altLabel, Literal(acronym))
    for text, lang in fw.alt_labels:
        doc.add(f, SKOS.altLabel, Literal(text, lang=lang))
    doc.add(f, QG.jurisdiction, Literal(fw.jurisdiction))
    if fw.scope_note:
        doc.add(f, SKOS.scopeNote, Literal(fw.scope_note, lang="en"))
    if fw.description:
        doc.add(f, DCTERMS.description, Literal(fw.description, lang="en"))
    if fw.created:
        doc.add(f, DCTERMS.created, date_literal(fw.created))
    if fw.replaced_by:
        doc.add(f, DCTERMS.isReplacedBy, ids.framework_iri(fw.replaced_by))
    for note in fw.notes:
        doc.add(f, SKOS.note, Literal(note, lang="en"))
    for iri in fw.close:
        if iri.startswith(QDR) and ELM_NQF_XSD not in fw.sources:
            raise AssertionError(f"{fw.slug}: a QDR link needs ELM's nqf.xsd among the framework's sources")
        doc.add(f, SKOS.closeMatch, URIRef(iri))
    doc.sources(f, fw.sources)
    doc.copies(f, fw.copies)
    domains = [ids.domain_iri(fw.slug, label) for label, _ in fw.domains]
    for d in domains:
        doc.add(f, QG.hasDescriptorDomain, d)
    if fw.publisher:
        doc.add(f, DCTERMS.publisher, ids.organisation_iri(fw.publisher))
        add_org(doc, ORG_BY_SLUG[fw.publisher])
    for slug in fw.organisations:
        add_org(doc, ORG_BY_SLUG[slug])
    for d, (label, lang) in zip(domains, fw.domains):
        doc.add(d, RDF.type, QG.DescriptorDomain)
        doc.add(d, SKOS.prefLabel, Literal(label, lang=lang))
        doc.sources(d, DOMAIN_SOURCES.get(fw.slug, fw.sources[:2]))
        doc.copies(d, fw.domain_copies)
    for lvl in fw.levels:
        lv = ids.level_iri(fw.slug, lvl.notation)
        doc.add(lv, RDF.type, QG.Level)
        doc.add(lv, RDF.type, SKOS.Concept)
        doc.add(lv, SKOS.inScheme, f)
        doc.add(lv, SKOS.topConceptOf, f)
        doc.add(lv, SKOS.notation, Literal(lvl.notation))
        doc.add(lv, QG.rank, Literal(lvl.rank))
        for text, lang in lvl.labels:
            doc.add(lv, SKOS.prefLabel, Literal(text, lang=lang))
        for text, lang in lvl.scope_notes:
            doc.add(lv, SKOS.scopeNote, Literal(text, lang=lang))
        for note in lvl.notes:
            doc.add(lv, SKOS.note, Literal(note, lang="en"))
        for iri in lvl.close:
            doc.add(lv, SKOS.closeMatch, URIRef(iri))
        for iri in lvl.broad:
            doc.add(lv, SKOS.broadMatch, URIRef(iri))
        for iri in lvl.narrow:
            doc.add(lv, SKOS.narrowMatch, URIRef(iri))
        doc.sources(lv, fw.level_sources)
        doc.copies(lv, fw.level_copies)
        add_descriptors(doc, fw, lvl.notation, lv)
        add_qualification_types(doc, fw, lvl.notation, lv)
        doc.add(f, SKOS.hasTopConcept, lv)
    return doc


# The page that names a framework's descriptor domains, where the framework's first two sources are not that page.
DOMAIN_SOURCES = {"aqrf": [AQRF_DOC_2016], "nz-nzqcf": [NZ_NZQCF], "ie-nfq": [QQI_NFQ_GRID], "au-aqf": [AQF_2013],
                  "gr-hqf": [GR_EOPPEP_HQF_LEVELS], "is-isqf": [IS_ENIC_ISQF], "ee-estqf": [EE_KUTSEKODA_TASEMED],
                  "si-sqf": [SI_NOK_HOME], "fi-finqf": [FI_FINLEX_ANNEX], "ch-nqf-vpq": [CH_SERI_LEVELS_DE],
                  # read only in copies whose official address was not established (the frameworks' notes say so)
                  "my-mqf": [MQF_PAGE, MQF_DOC], "th-tqf": [TH_TQF]}


def add_descriptors(doc: Doc, fw: Fw, notation: str, lv: URIRef) -> None:
    """The level's descriptors, one per descriptor domain, each with the official document as its source."""
    table = DESCRIPTORS.get(fw.slug)
    if table is None or notation not in table.texts:
        return
    domains = {label for label, _ in fw.domains}
    for domain, text in table.texts[notation].items():
        if domain not in domains:
            raise AssertionError(f"{fw.slug} {notation}: {domain!r} is not one of the framework's descriptor domains")
        d = ids.descriptor_iri(fw.slug, notation, domain)
        doc.add(lv, QG.hasDescriptor, d)
        doc.add(d, RDF.type, QG.LevelDescriptor)
        doc.add(d, QG.descriptorDomain, ids.domain_iri(fw.slug, domain))
        doc.add(d, RDF.value, Literal(text, lang=table.lang))
        doc.sources(d, table.level_sources.get(notation, table.sources))
        doc.copies(d, [*table.copies, *table.level_copies.get(notation, [])])
        doc.see_also(d, table.see_also.get(notation, []))


def add_qualification_types(doc: Doc, fw: Fw, notation: str, lv: URIRef) -> None:
    """The qualification types the framework places at the level, each with the page that places it there."""
    table = QUALIFICATION_TYPES.get(fw.slug)
    if table is None:
        return
    for name, sources in table.types.get(notation, []):
        q = ids.qualification_type_iri(fw.slug, notation, name)
        doc.add(lv, QG.hasQualificationType, q)
        doc.add(q, RDF.type, QG.QualificationType)
        doc.add(q, RDF.type, SKOS.Concept)
        doc.add(q, SKOS.prefLabel, Literal(name, lang=table.lang))
        doc.sources(q, sources)
        doc.copies(q, table.copies)


def alignment_doc(al: Alignment, doc: Doc | None = None) -> Doc:
    doc = doc or Doc()
    a = ids.alignment_iri(al.source_fw, al.target_fw)
    doc.add(a, RDF.type, QG.ReferencingReport if al.kind == "referencing" else QG.ComparisonReport)
    doc.add(a, DCTERMS.title, Literal(al.title, lang="en"))
    doc.add(a, QG.sourceFramework, ids.framework_iri(al.source_fw))
    doc.add(a, QG.targetFramework, ids.framework_iri(al.target_fw))
    doc.add(a, QG.status, QGS[al.status])
    if al.date:
        doc.add(a, DCTERMS.date, date_literal(al.date))
    if al.decided_by:
        doc.add(a, QG.decidedBy, ids.organisation_iri(al.decided_by))
    if al.description:
        doc.add(a, DCTERMS.description, Literal(al.description, lang="en"))
    for note in al.notes:
        doc.add(a, SKOS.note, Literal(note, lang="en"))
    doc.sources(a, al.sources)
    doc.copies(a, al.copies)
    cls = QG.ReferencingDecision if al.kind == "referencing" else QG.LevelComparison
    sides = [(row, al.source_fw, al.target_fw) for row in al.rows]
    sides += [(row, al.target_fw, al.source_fw) for row in al.reverse_rows]
    for row, src, tgt in sides:
        c = ids.correspondence_iri(src, row.source, tgt, row.target, al.row_date)
        doc.add(c, RDF.type, cls)
        doc.add(c, QG.sourceLevel, ids.level_iri(src, row.source))
        doc.add(c, QG.targetFramework, ids.framework_iri(tgt))
        if row.target is None:
            doc.add(c, QG.noCounterpart, Literal(True))
        else:
            doc.add(c, QG.targetLevel, ids.level_iri(tgt, row.target))
        doc.add(c, QG.status, QGS[row.status or al.row_status or al.status])
        if al.row_date:
            doc.add(c, DCTERMS.date, date_literal(al.row_date))
        if al.decided_by:
            doc.add(c, QG.decidedBy, ids.organisation_iri(al.decided_by))
        doc.add(c, DCTERMS.isPartOf, a)
        for note in [*row.notes, *al.row_notes]:
            doc.add(c, SKOS.note, Literal(note, lang="en"))
        # a row with sources of its own does not fall back on the report's sources
        doc.sources(c, [*(al.row_sources or ([] if row.sources else al.sources)), *row.sources])
        doc.copies(c, al.row_copies)
        doc.see_also(c, al.row_see_also)
    return doc


# --------------------------------------------------------------------------------------------
# The illustrative example (made-up decisions; never evidence)
# --------------------------------------------------------------------------------------------

ILLUSTRATIVE_TABLES = {
    # source framework: (report page URL, label, [(national level, AQRF level)])
    "ph-pqf": (PH_REPORT, "PQF", [(k, k) for k in range(1, 9)]),
    "my-mqf": (MY_REPORT, "MQF", [(k, k) for k in range(1, 9)]),
    # nine KKNI levels onto eight AQRF levels: KKNI 6 and 7 share AQRF 6 (made up, to exercise 'partial')
    "id-kkni": (ID_REPORT_ENDORSED, "KKNI",
                [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 6), (8, 7), (9, 8)]),
}


def illustrative_doc(slug: str) -> Doc:
    url, label, pairs = ILLUSTRATIVE_TABLES[slug]
    doc = Doc()
    report = ids.alignment_iri(slug, "aqrf")
    for n, m in pairs:
        c = ids.correspondence_iri(slug, str(n), "aqrf", str(m), "illustrative")
        doc.add(c, RDF.type, QG.ReferencingDecision)
        doc.add(c, SKOS.prefLabel, Literal(f"{ILLUSTRATIVE}: {label} level {n} -> AQRF level {m}", lang="en"))
        doc.add(c, QG.sourceLevel, ids.level_iri(slug, str(n)))
        doc.add(c, QG.targetFramework, ids.framework_iri("aqrf"))
        doc.add(c, QG.targetLevel, ids.level_iri("aqrf", str(m)))
        doc.add(c, QG.status, QGS.illustrative)
        doc.add(c, DCTERMS.isPartOf, report)
        doc.add(c, SKOS.note, Literal(ILLUSTRATIVE, lang="en"))
        doc.add(c, SKOS.note, Literal(
            "made up for the example: the source is the page of the real referencing report, where the real "
            "level table lives; that table was not read", lang="en"))
        doc.sources(c, [url])
    return doc


def illustrative_aqrf_eqf_doc() -> Doc:
    doc = Doc()
    a = ids.alignment_iri("aqrf", "eqf")
    doc.add(a, RDF.type, QG.ComparisonReport)
    doc.add(a, DCTERMS.title, Literal("ILLUSTRATIVE ONLY — a made-up comparison of the AQRF and the EQF", lang="en"))
    doc.add(a, QG.sourceFramework, ids.framework_iri("aqrf"))
    doc.add(a, QG.targetFramework, ids.framework_iri("eqf"))
    doc.add(a, QG.status, QGS.illustrative)
    doc.add(a, SKOS.note, Literal(
        "ILLUSTRATIVE ONLY — no AQRF-EQF level comparison has been found; the EU SHARE programme worked on the "
        "AQRF and NQFs, its page is the source given here", lang="en"))
    doc.sources(a, [SHARE_AQRF])
    for k in range(1, 9):
        c = ids.correspondence_iri("aqrf", str(k), "eqf", str(k), "illustrative")
        doc.add(c, RDF.type, QG.LevelComparison)
        doc.add(c, SKOS.prefLabel, Literal(
            f"ILLUSTRATIVE ONLY — not an official comparison: AQRF level {k} ~ EQF level {k}", lang="en"))
        doc.add(c, QG.sourceLevel, ids.level_iri("aqrf", str(k)))
        doc.add(c, QG.targetFramework, ids.framework_iri("eqf"))
        doc.add(c, QG.targetLevel, ids.level_iri("eqf", str(k)))
        doc.add(c, QG.status, QGS.illustrative)
        doc.add(c, DCTERMS.isPartOf, a)
        doc.add(c, SKOS.note, Literal("ILLUSTRATIVE ONLY — made up for the example", lang="en"))
        doc.sources(c, [SHARE_AQRF])
    return doc


# --------------------------------------------------------------------------------------------
# Writing Turtle (grouped by subject, in a readable order; qgid: IRIs written relative to @base)
# --------------------------------------------------------------------------------------------

PREFIXES = [("qg", str(QG)), ("qgs", str(QGS)), ("qgr", str(QGR)), ("qgid", str(QGID)), ("skos", str(SKOS)),
            ("dcterms", str(DCTERMS)), ("xsd", str(XSD)), ("org", str(ORG)), ("foaf", str(FOAF))]
# Declared only in files that use them, so that files without copies or see-also links stay as they were.
OPTIONAL_PREFIXES = [("prov", str(PROV)), ("rdfs", str(RDFS)), ("rdf", str(RDF))]
# rdf: is declared only where rdf:value is used (rdf:type is written "a").
OPTIONAL_PREFIX_USES = {"rdf": str(RDF.value)}
PREDICATE_ORDER = [RDF.type, DCTERMS.identifier, SKOS.prefLabel, SKOS.altLabel, DCTERMS.title, SKOS.inScheme,
                   SKOS.topConceptOf, SKOS.notation, QG.rank, QG.jurisdiction, QG.sourceFramework, QG.sourceLevel,
                   QG.targetFramework, QG.targetLevel, QG.noCounterpart, QG.status, DCTERMS.date, QG.decidedBy,
                   DCTERMS.isPartOf, SKOS.scopeNote, DCTERMS.description, DCTERMS.created, DCTERMS.isReplacedBy,
                   SKOS.note, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, ORG.classification,
                   FOAF.homepage, DCTERMS.publisher, QG.hasDescriptorDomain, QG.hasDescriptor,
                   QG.hasQualificationType, QG.descriptorDomain, RDF.value, SKOS.hasTopConcept, DCTERMS.source,
                   PROV.wasDerivedFrom, RDFS.seeAlso]
LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
BAD_IRI_CHARS = re.compile(r'[\s<>"{}|\\^`]')


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


def term(node) -> str:
    if isinstance(node, URIRef):
        iri = str(node)
        if BAD_IRI_CHARS.search(iri):
            raise ValueError(f"not a writable IRI: {iri!r}")
        if node == RDF.type:
            return "a"
        if iri.startswith(str(QGID)):
            return f"<{iri[len(str(QGID)):]}>"
        for prefix, ns in PREFIXES + OPTIONAL_PREFIXES:
            if iri.startswith(ns) and LOCAL_NAME.fullmatch(iri[len(ns):]):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"
    assert isinstance(node, Literal), node
    if node.language:
        return f'"{_escape(str(node))}"@{node.language}'
    if node.datatype == XSD.integer:
        return str(int(node))
    if node.datatype == XSD.boolean:
        return "true" if node.toPython() else "false"
    if node.datatype:
        return f'"{_escape(str(node))}"^^{term(node.datatype)}'
    return f'"{_escape(str(node))}"'


def turtle(doc: Doc, header: str) -> str:
    out = io.StringIO()
    for line in header.strip().splitlines():
        out.write(f"# {line}\n" if line else "#\n")
    out.write(f"\n@base <{QGID}> .\n")
    g = doc.graph
    used = {str(p) for p in g.predicates()}
    prefixes = PREFIXES + [(prefix, ns) for prefix, ns in OPTIONAL_PREFIXES
                           if any(u.startswith(OPTIONAL_PREFIX_USES.get(prefix, ns)) for u in used)]
    for prefix, ns in prefixes:
        out.write(f"@prefix {prefix}: <{ns}> .\n")
    rank = {p: i for i, p in enumerate(PREDICATE_ORDER)}
    for s in doc.subjects:
        preds = sorted(set(g.predicates(s)), key=lambda p: (rank.get(p, len(rank)), str(p)))
        out.write(f"\n{term(s)}\n")
        parts = []
        for p in preds:
            objs = sorted(g.objects(s, p), key=lambda o: doc.order[(s, p, o)])
            rendered = [term(o) for o in objs]
            if len(rendered) == 1 or (p == RDF.type) or sum(len(r) for r in rendered) < 60:
                parts.append(f"    {term(p)} {', '.join(rendered)}")
            else:
                inner = " ,\n".join(f"        {r}" for r in rendered)
                parts.append(f"    {term(p)}\n{inner}")
        out.write(" ;\n".join(parts) + " .\n")
    return out.getvalue()


def write_turtle(path: Path, doc: Doc, header: str) -> None:
    text = turtle(doc, header + "\n\nGenerated by scripts/build_bundled_data.py: edit the facts there, not this file.")
    parsed = Graph().parse(data=text, format="turtle")
    if set(parsed) != set(doc.graph):
        raise AssertionError(f"{path}: the written Turtle does not parse back to the graph that was built")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({len(doc.graph)} triples)")


# --------------------------------------------------------------------------------------------
# Spreadsheet templates (Germany's DQR, so that loading data/ exercises the CSV loader)
# --------------------------------------------------------------------------------------------


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({len(rows)} rows)")


def write_templates() -> None:
    # One file per template, a row per record and language (a submission defines a record in one file, a row per
    # language: ``qualgraph validate data/``): the DQR in English and under its German name (issue 14); each level in
    # English, and in German where dqr.de's German page of the level was read. A described level's row cites the
    # page its label and descriptors are from; the others cite the pages that list the levels.
    sources = " | ".join([*DQR_SOURCES, ELM_NQF_XSD])
    write_csv(DATA / "templates" / "frameworks.csv",
              ["framework", "title", "kind", "jurisdiction", "source", "acronym", "language", "publisher"],
              [["de-dqr", "German National Qualifications Framework", "national", "DE", sources, "DQR", "en", ""],
               ["de-dqr", "Deutscher Qualifikationsrahmen", "national", "DE", " | ".join(DQR_DE_NAME_SOURCES), "",
                "de", ""]])
    # The domains before the levels that name them, as a submission must declare them: German names first.
    for lang, names in DQR_DOMAIN_NAMES.items():
        if [domain for domain, _, _ in names] != DQR_DOMAINS:
            raise AssertionError(f"de-dqr ({lang}): every descriptor domain is named, in the order of DQR_DOMAINS")
    write_csv(DATA / "templates" / "dqr-domains.csv",
              ["framework", "domain", "label", "source", "language"],
              [["de-dqr", domain, label, " | ".join(sources), lang]
               for lang, names in DQR_DOMAIN_NAMES.items() for domain, label, sources in names])
    for lang, texts, level_sources in (("en", DQR_DESCRIPTORS_EN, DQR_DESCRIPTOR_SOURCES_EN),
                                       ("de", DQR_DESCRIPTORS_DE, DQR_DESCRIPTOR_SOURCES_DE)):
        if set(texts) != set(level_sources):
            raise AssertionError(f"de-dqr ({lang}): each described level names its page, and only those")
        for k, cells in texts.items():
            if set(cells) != set(DQR_DOMAINS):
                raise AssertionError(f"de-dqr {k} ({lang}): a level is described in every domain or in none")
    rows = []
    for lang, label, texts, level_sources in (
            ("en", "Level {k}", DQR_DESCRIPTORS_EN, DQR_DESCRIPTOR_SOURCES_EN),
            ("de", "Niveau {k}", DQR_DESCRIPTORS_DE, DQR_DESCRIPTOR_SOURCES_DE)):
        for k in range(1, 9):
            if k in texts:  # statements: lines of one cell
                rows.append(["de-dqr", str(k), str(k), label.format(k=k), " | ".join(level_sources[k]), lang,
                             *(texts[k][d] for d in DQR_DOMAINS)])
            elif lang == "en":
                rows.append(["de-dqr", str(k), str(k), label.format(k=k), " | ".join(DQR_SOURCES), lang,
                             *([""] * len(DQR_DOMAINS))])
    write_csv(DATA / "templates" / "levels.csv",
              ["framework", "level", "rank", "label", "source", "language", *(f"descriptor:{d}" for d in DQR_DOMAINS)],
              rows)
    write_csv(DATA / "templates" / "dqr-qualification-types.csv",
              ["framework", "level", "type", "source", "language"],
              [["de-dqr", str(k), name, " | ".join(sources), "de"]
               for k, types in DQR_TYPES.items() for name, sources in types])
    write_csv(DATA / "templates" / "referencing.csv",
              ["framework", "level", "reference_framework", "reference_level", "status", "decided", "source", "note"],
              [["de-dqr", str(k), "eqf", str(k), "accepted", "", " | ".join(DQR_SOURCES), DQR_NOTE]
               for k in range(1, 9)])


# --------------------------------------------------------------------------------------------


def main() -> None:
    for fw in FRAMEWORKS:
        title = next(t for t, lang in fw.titles if lang == "en")
        write_turtle(DATA / "frameworks" / f"{fw.slug}.ttl", framework_doc(fw),
                     f"{title} ({fw.slug}): the framework, its levels and descriptor domains.")

    for al in EQF_ALIGNMENTS:
        write_turtle(DATA / "referencing" / f"{al.source_fw}--{al.target_fw}.ttl", alignment_doc(al),
                     f"{al.title}: the report and its level-by-level decisions.")
    for al in (FR_1969_TO_2019, NZ_EQF, AQF_EQF, AU_NZ, IE_NZ, NZ_HK, UAE_NZ):
        write_turtle(DATA / "referencing" / f"{al.source_fw}--{al.target_fw}.ttl", alignment_doc(al),
                     f"{al.title}: a bilateral comparison and its level comparisons.")
    asean = Doc()
    for al in AQRF_REPORTS:
        alignment_doc(al, asean)
    write_turtle(DATA / "referencing" / "asean--aqrf.ttl", asean,
                 "Referencing of ASEAN national frameworks to the AQRF: what is known of each report (status, date,\n"
                 "who endorsed it). No level-to-level table has been sourced, so no level is linked.")
    write_templates()

    for slug in ILLUSTRATIVE_TABLES:
        write_turtle(EXAMPLE / f"{slug}--aqrf.ttl", illustrative_doc(slug),
                     f"{ILLUSTRATIVE}.\nMade-up {slug} -> AQRF level decisions (status qgs:illustrative); not evidence.")
    write_turtle(EXAMPLE / "aqrf--eqf.ttl", illustrative_aqrf_eqf_doc(),
                 "ILLUSTRATIVE ONLY — a made-up AQRF-EQF comparison (status qgs:illustrative); not evidence.")


if __name__ == "__main__":
    main()
