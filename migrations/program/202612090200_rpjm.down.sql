DROP TABLE rpjm_target;
DROP TABLE rpjm_node;
DROP TABLE rpjm;
