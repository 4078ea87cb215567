package io.github.twostep.it;

/** TwoStep's filter order in an unchanged WAR on Tomcat 10.1 ({@link TomcatFilterOrderContract}). */
class Tomcat10FilterOrderIT extends TomcatFilterOrderContract {
}
