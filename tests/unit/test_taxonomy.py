from catalogue.taxonomy import STANDARDS, TREE, iter_nodes


def test_decision_148_shape_6_groups_17_subgroups_26_categories():
    nodes = list(iter_nodes())
    groups = [n for n in nodes if n[3] == 1]
    subgroups = [n for n in nodes if n[3] == 2]
    leaves = [n for n in nodes if n[5] == 0]
    assert (len(groups), len(subgroups), len(leaves)) == (6, 17, 26)
    assert len(TREE) == 6


def test_paths_are_treebeard_materialized_paths():
    paths = [n[4] for n in iter_nodes()]
    assert paths[0] == "0001"
    assert paths[1] == "00010001"
    assert len(set(paths)) == len(paths)


def test_standards_list():
    assert {code for code, *_ in STANDARDS} == {
        "vietgap",
        "globalgap",
        "organic",
        "haccp",
        "iso22000",
        "gi",
    }
